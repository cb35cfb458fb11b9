import type { World } from "../../core/world";
import type { OciHandler } from "../kinds";
import { createCompartment, deleteCompartment, getCompartment, listCompartments, registerCompartmentEvents, updateCompartment } from "./compartments";
import { addUserToGroup, createGroup, deleteGroup, getGroup, getUserGroupMembership, listGroups, listUserGroupMemberships, removeUserFromGroup, updateGroup } from "./groups";
import { createPolicy, deletePolicy, getPolicy, listPolicies, updatePolicy } from "./policies";
import { createRegionSubscription, getTenancy, listRegions, listRegionSubscriptions, registerTenancyEvents } from "./tenancies";
import { createUser, deleteApiKey, deleteUser, getUser, listApiKeys, listUsers, updateUser, uploadApiKey } from "./users";

/** The Identity service (`IdentityClient`, `/20160918` like Core): method, path below the prefix, operation, handler. */
export const IDENTITY_ROUTES: readonly (readonly [string, string, string, OciHandler])[] = [
  ["POST", "/compartments", "createCompartment", createCompartment],
  ["GET", "/compartments", "listCompartments", listCompartments],
  ["GET", "/compartments/(?<id>[^/]+)", "getCompartment", getCompartment],
  ["PUT", "/compartments/(?<id>[^/]+)", "updateCompartment", updateCompartment],
  ["DELETE", "/compartments/(?<id>[^/]+)", "deleteCompartment", deleteCompartment],
  ["POST", "/users", "createUser", createUser],
  ["GET", "/users", "listUsers", listUsers],
  ["GET", "/users/(?<id>[^/]+)", "getUser", getUser],
  ["PUT", "/users/(?<id>[^/]+)", "updateUser", updateUser],
  ["DELETE", "/users/(?<id>[^/]+)", "deleteUser", deleteUser],
  ["POST", "/users/(?<userId>[^/]+)/apiKeys", "uploadApiKey", uploadApiKey],
  ["GET", "/users/(?<userId>[^/]+)/apiKeys", "listApiKeys", listApiKeys],
  ["DELETE", "/users/(?<userId>[^/]+)/apiKeys/(?<fingerprint>[^/]+)", "deleteApiKey", deleteApiKey],
  ["POST", "/groups", "createGroup", createGroup],
  ["GET", "/groups", "listGroups", listGroups],
  ["GET", "/groups/(?<id>[^/]+)", "getGroup", getGroup],
  ["PUT", "/groups/(?<id>[^/]+)", "updateGroup", updateGroup],
  ["DELETE", "/groups/(?<id>[^/]+)", "deleteGroup", deleteGroup],
  ["POST", "/userGroupMemberships", "addUserToGroup", addUserToGroup],
  ["GET", "/userGroupMemberships", "listUserGroupMemberships", listUserGroupMemberships],
  ["GET", "/userGroupMemberships/(?<id>[^/]+)", "getUserGroupMembership", getUserGroupMembership],
  ["DELETE", "/userGroupMemberships/(?<id>[^/]+)", "removeUserFromGroup", removeUserFromGroup],
  ["POST", "/policies", "createPolicy", createPolicy],
  ["GET", "/policies", "listPolicies", listPolicies],
  ["GET", "/policies/(?<id>[^/]+)", "getPolicy", getPolicy],
  ["PUT", "/policies/(?<id>[^/]+)", "updatePolicy", updatePolicy],
  ["DELETE", "/policies/(?<id>[^/]+)", "deletePolicy", deletePolicy],
  ["GET", "/tenancies/(?<tenancyId>[^/]+)", "getTenancy", getTenancy],
  ["GET", "/tenancies/(?<tenancyId>[^/]+)/regionSubscriptions", "listRegionSubscriptions", listRegionSubscriptions],
  ["POST", "/tenancies/(?<tenancyId>[^/]+)/regionSubscriptions", "createRegionSubscription", createRegionSubscription],
  ["GET", "/regions", "listRegions", listRegions],
];

export function registerIdentityEvents(world: World): void {
  registerCompartmentEvents(world);
  registerTenancyEvents(world);
}

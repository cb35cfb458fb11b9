import type { EmulatorRequest } from "../core/http";
import type { World } from "../core/world";

/** OCI regions the emulator serves and the short keys OCI uses inside OCIDs (`ocid1.vcn.oc1.iad.…`). */
const REGION_KEYS: Record<string, string> = {
  "us-ashburn-1": "iad",
  "us-phoenix-1": "phx",
  "us-sanjose-1": "sjc",
  "us-chicago-1": "ord",
  "ca-toronto-1": "yyz",
  "ca-montreal-1": "yul",
  "sa-vinhedo-1": "vcp",
  "sa-saopaulo-1": "gru",
  "eu-frankfurt-1": "fra",
  "eu-amsterdam-1": "ams",
  "eu-zurich-1": "zrh",
  "eu-paris-1": "cdg",
  "uk-london-1": "lhr",
  "af-johannesburg-1": "jnb",
  "ap-tokyo-1": "nrt",
  "ap-osaka-1": "kix",
  "ap-singapore-1": "sin",
  "ap-seoul-1": "icn",
  "ap-sydney-1": "syd",
  "ap-mumbai-1": "bom",
  "me-dubai-1": "dxb",
};

export function knownRegions(): string[] {
  return Object.keys(REGION_KEYS);
}

export function isKnownRegion(region: string): boolean {
  return region in REGION_KEYS;
}

export function regionKeyOf(region: string): string {
  return REGION_KEYS[region] ?? region.replace(/[^a-z]/g, "").slice(0, 3);
}

const PREFIX = /^\/([a-z]+-[a-z]+-\d+)(\/.*)$/;
/** `iaas.<region>.oraclecloud.com`, `identity.<region>.oci.oraclecloud.com` (a proxy or hosts entry mapping them to loopback). */
const HOST = /^[a-z]+\.([a-z]+-[a-z]+-\d+)\.(?:oci\.)?oraclecloud\.com(?::\d+)?$/i;

/**
 * The region an OCI request addresses and its path without the region: a path prefix
 * (`/us-phoenix-1/20160918/vcns`, what an SDK client whose endpoint is `<emulator>/us-phoenix-1` sends), else an
 * OCI host name in the Host header, else the default region. `unknown` names a region the emulator does not serve.
 */
export function regionOfRequest(req: EmulatorRequest, defaultRegion: string): { region: string; path: string; unknown?: boolean } {
  const path = req.url.pathname;
  const prefixed = PREFIX.exec(path);
  if (prefixed?.[1] && prefixed[2]) return { region: prefixed[1], path: prefixed[2], ...(isKnownRegion(prefixed[1]) ? {} : { unknown: true }) };
  const host = HOST.exec(req.headers.host ?? "")?.[1]?.toLowerCase();
  if (host) return { region: host, path, ...(isKnownRegion(host) ? {} : { unknown: true }) };
  return { region: defaultRegion, path };
}

/** The region of the request being served (the default region while settling events). */
export function requestRegion(world: World): string {
  return world.ociRequest?.region ?? world.config.ociRegion;
}

export function requestRegionKey(world: World): string {
  return regionKeyOf(requestRegion(world));
}

export function regionOf(world: World, record: { regionId?: string }): string {
  return record.regionId ?? world.config.ociRegion;
}

/** Regional resources are only seen through their own region's endpoint. */
export function inRequestRegion(world: World, record: { regionId?: string }): boolean {
  return regionOf(world, record) === requestRegion(world);
}

// The lifecycle contract lives in the domain so the starters (HTTP, queue) share it with the orchestrators.
export * from "../../shared/domain/lifecycle";

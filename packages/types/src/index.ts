// Both APIs define `paths`, `components` and `operations`, so they are namespaced here; every
// component schema is also exported at the top level by its product-prefixed name (YcmUser,
// WorkplaceUser, ...), from a list the generator writes.
export type * as ycm from "./ycm.js";
export type * as workplace from "./workplace.js";
export type * from "./generated/models.js";
export type { Int64, Int64Tag } from "./int64.js";

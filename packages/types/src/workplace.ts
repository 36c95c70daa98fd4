// Yeastar Workplace: `paths`, `components`, `operations` and one named type per schema
// (WorkplaceUser, ...), all generated from spec/workplace.
export type * from "./generated/workplace.js";
export type { Int64, Int64Tag } from "./int64.js";

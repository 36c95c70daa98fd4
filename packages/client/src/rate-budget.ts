// `@yeastar-openapi/client/rate-budget`: the client-side token bucket for one process, and the
// `rateBudget` option made from a bucket of your own.
export { rateBudget, type RateBudgetOptions } from "./stores/bucket.js";
export { customRateBudget, type RateBudgetParts } from "./stores/budget-plugin.js";
export type { RateBudget } from "./core/plugin.js";

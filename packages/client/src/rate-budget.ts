// `@yeastar-openapi/client/rate-budget`: the client-side token bucket for one process.
export { rateBudget, type RateBudgetOptions } from "./stores/bucket.js";
export type { RateBudget } from "./core/budget.js";

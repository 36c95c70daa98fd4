// `@yeastar-openapi/client/redis`: what a fleet shares through Redis (node-redis or ioredis):
// tokens, the rate budget and webhook de-duplication.
export { redisTokenStore, type RedisTokenStoreOptions } from "./stores/redis-token-store.js";
export { redisRateBudget, type RedisRateBudgetOptions } from "./stores/redis-rate-budget.js";
export { redisDeliveryStore, type RedisDeliveryStore, type RedisDeliveryStoreOptions } from "./stores/redis-delivery-store.js";
export type { RedisClientLike } from "./stores/redis-command.js";
export type { StoredToken, TokenStore, YeastarTokenStore } from "./core/tokens.js";
export type { RateBudget } from "./core/plugin.js";

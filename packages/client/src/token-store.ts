// `@yeastar-openapi/client/token-store`: the `tokenStore` option made from a store of your own
// (get, set and optionally renew), on any platform. The file and Redis stores are in
// `/token-store-file` and `/redis`.
export { customTokenStore } from "./stores/token-store-plugin.js";
export type { StoredToken, TokenStore, YeastarTokenStore } from "./core/tokens.js";

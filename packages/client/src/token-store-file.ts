// `@yeastar-openapi/client/token-store-file`: a token store for several processes on one host.
export { fileTokenStore, type FileTokenStoreOptions } from "./stores/file-token-store.js";
export type { StoredToken, TokenStore, YeastarTokenStore } from "./core/tokens.js";

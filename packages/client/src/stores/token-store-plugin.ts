// What makes a store's get/set/renew the `tokenStore` option (core/tokens.ts): each store call
// bounded by the client's timeout, failures turned into the client's errors, what the store
// answers checked before it is sent, and one refresh per fleet when the store can `renew`. Kept
// out of the core so a client without a store carries none of it.
// The error classes by the package's name (left external by the build), so a store's failure is
// the same YeastarError the caller's client throws.
import { YeastarError, YeastarInvalidRequestError, YeastarTimeoutError, type YeastarApiName } from "@yeastar-openapi/client";
import { sendable, type StoredToken, type TokenStore, type YeastarTokenStore } from "../core/tokens.js";

/**
 * The `tokenStore` option from your own `get`, `set` and (optionally) `renew` (see `TokenStore`):
 * e.g. a token kept in a database, a KV store or a secret manager. `fileTokenStore()` and
 * `redisTokenStore()` are made this way.
 */
export function customTokenStore(parts: TokenStore): YeastarTokenStore {
  if (typeof parts?.get !== "function" || typeof parts.set !== "function" || !["function", "undefined"].includes(typeof parts.renew)) {
    throw new TypeError("customTokenStore: pass an object with get() and set() methods (and optionally renew())");
  }
  const get = parts.get.bind(parts);
  const set = parts.set.bind(parts);
  const renew = parts.renew?.bind(parts);
  return {
    get,
    set,
    ...(renew && { renew }),
    async obtain(api, timeoutMs, refresh, usable) {
      /** A store call, its failures and hangs turned into the client's errors. */
      function call<T>(name: "get" | "set" | "renew", run: () => T | Promise<T>): Promise<T> {
        return new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => reject(new YeastarTimeoutError(`${api}: tokenStore.${name}() timed out after ${timeoutMs} ms`)), timeoutMs);
          new Promise<T>((inner) => inner(run())).then(resolve, (error: unknown) => {
            reject(new YeastarError(`${api}: tokenStore.${name}() failed`, { cause: error }));
          }).finally(() => clearTimeout(timer));
        });
      }
      const stored = checked(api, await call("get", get), "get");
      if (usable(stored)) return stored!;
      // What renew() resolves with must be a token too.
      if (renew) return checked(api, await call("renew", () => renew((under) => refresh(checked(api, under, "renew")))), "renew", true)!;
      const token = await refresh(stored);
      await call("set", () => set(token));
      return token;
    },
  };
}

/**
 * What the store answered: nothing (none stored; refused when `required`) or a token the client
 * can send, otherwise refused without being echoed.
 */
function checked(api: YeastarApiName, token: StoredToken | null | undefined, from: string, required = false): StoredToken | undefined {
  if (token === undefined || token === null) {
    if (!required) return undefined;
  } else if (sendable(token.accessToken) && typeof token.expiresAt === "number" && typeof token.issuedAt === "number") {
    return token;
  }
  throw new YeastarInvalidRequestError(`${api}: tokenStore.${from}() returned no usable StoredToken`);
}

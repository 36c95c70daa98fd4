// Where access tokens come from: a fixed token, the caller's function, or (with client
// credentials) a manager that requests, shares, refreshes and replaces them.
import {
  YeastarApiError,
  YeastarError,
  YeastarInvalidRequestError,
  YeastarResponseError,
  type YeastarApiName,
} from "./errors.js";
import type { AccessToken, Credentials } from "./options.js";

/** A token as kept in memory and in a `TokenStore`. Times are epoch milliseconds. */
export interface StoredToken {
  accessToken: string;
  refreshToken?: string | undefined;
  issuedAt: number;
  expiresAt: number;
}

/**
 * What a token store is made of: `customTokenStore()` of `@yeastar-openapi/client/token-store`
 * turns it into the `tokenStore` option. Lets several processes (or restarts) share one token.
 */
export interface TokenStore {
  get(): StoredToken | undefined | Promise<StoredToken | undefined>;
  set(token: StoredToken): void | Promise<void>;
  /**
   * Optional: one refresh for every process sharing the store. When the stored token is missing,
   * due or refused, the client calls `renew(refresh)` instead of refreshing and calling `set`. The
   * store takes a lock the other processes respect (they wait for it), reads the token stored
   * now, calls `refresh(stored)` (which returns `stored` itself when another process renewed it
   * meanwhile, or a new token from the token endpoint), saves what `refresh` returned unless a
   * newer token was stored in the meantime, releases the lock and resolves with the token to
   * use. The stores in `@yeastar-openapi/client/token-store-file` and `/redis` implement it.
   */
  renew?(refresh: (stored: StoredToken | undefined) => Promise<StoredToken>): Promise<StoredToken>;
}

/**
 * The `tokenStore` option (a plug-in: the core carries no store code): made by `customTokenStore()`
 * of `@yeastar-openapi/client/token-store`, `fileTokenStore()` of `/token-store-file` or
 * `redisTokenStore()` of `/redis`. Its own `get`, `set` and `renew` stay callable.
 */
export interface YeastarTokenStore extends TokenStore {
  /**
   * The token to use when the client has none it can send (missing, due or refused): the stored
   * one when `usable`, otherwise what `refresh` gives (a new token from the token endpoint;
   * `refresh(stored)` returns `stored` itself when it is usable), saved for the other processes.
   * Each store call is bounded by `timeoutMs`; failures are the client's errors, named for `api`.
   */
  obtain(
    api: YeastarApiName,
    timeoutMs: number,
    refresh: (stored: StoredToken | undefined) => Promise<StoredToken>,
    usable: (token: StoredToken | undefined) => boolean,
  ): Promise<StoredToken>;
}

/** The token endpoint's answer, as both APIs shape it. */
export interface TokenGrant {
  access_token: string;
  refresh_token?: string;
  expires_in?: unknown;
}

/** The two grant requests, performed by the product-specific code. */
export interface TokenGrants {
  clientCredentials(credentials: Credentials): Promise<TokenGrant>;
  refresh(credentials: Credentials, refreshToken: string): Promise<TokenGrant>;
}

export interface AuthProvider {
  /**
   * The token to send now: the string itself when it is at hand, so a request is not held up
   * by a needless await (bench/: per-request overhead), or a promise when it must be fetched.
   */
  token(): string | Promise<string>;
  /** The API rejected `token`: true when a different token can be tried once. */
  rejected(token: string): Promise<boolean>;
}

/** Refresh this long before expiry: a tenth of the lifetime, at most a minute. */
const MAX_REFRESH_AHEAD_MS = 60_000;
function refreshDue(token: StoredToken, now: number): boolean {
  const ahead = Math.min(MAX_REFRESH_AHEAD_MS, (token.expiresAt - token.issuedAt) / 10);
  return now >= token.expiresAt - ahead;
}

/**
 * What a token must look like to go in an Authorization header: visible ASCII, no spaces.
 * A token with CR/LF would make fetch throw a message that quotes it (and be retried as a
 * connection error); it is refused here instead, without being echoed.
 */
const SENDABLE_TOKEN = /^[\x21-\x7e]+$/;
export const sendable = (token: unknown): token is string => typeof token === "string" && SENDABLE_TOKEN.test(token);

export interface TokenSource {
  accessToken?: AccessToken;
  credentials?: Credentials;
  tokenStore?: YeastarTokenStore;
  /** Bounds each tokenStore call, so a store that never answers cannot hold every call. */
  timeoutMs: number;
  onWarning: (message: string) => void;
}

export function authProvider(api: YeastarApiName, source: TokenSource, grants: TokenGrants, lifetimeMs: number): AuthProvider {
  const { accessToken, credentials } = source;
  if (credentials) return credentialsAuth(api, source, credentials, grants, lifetimeMs);
  if (typeof accessToken === "function") return callbackAuth(api, accessToken);
  return {
    token: () => accessToken as string,
    // A fixed token cannot be replaced: the rejection reaches the caller.
    rejected: async () => false,
  };
}

function callbackAuth(api: YeastarApiName, get: () => string | Promise<string>): AuthProvider {
  const checked = (token: unknown): string => {
    if (!sendable(token)) {
      throw new YeastarInvalidRequestError(
        `${api}: the accessToken function returned no usable token (a non-empty string a header can carry)`,
      );
    }
    return token;
  };
  const token = () => {
    let value: string | Promise<string>;
    try {
      value = get();
    } catch (error) {
      throw new YeastarError(`${api}: the accessToken function threw`, { cause: error });
    }
    return typeof value === "string"
      ? checked(value)
      : Promise.resolve(value).then(checked, (error: unknown) => {
          throw new YeastarError(`${api}: the accessToken function failed`, { cause: error });
        });
  };
  return {
    token,
    // Ask once more: the function may fetch a new token when the old one was rejected.
    rejected: async (rejected) => (await token()) !== rejected,
  };
}

function credentialsAuth(api: YeastarApiName, source: TokenSource, credentials: Credentials, grants: TokenGrants, lifetimeMs: number): AuthProvider {
  const store = source.tokenStore;
  let current: StoredToken | undefined;
  let pending: Promise<StoredToken> | undefined;
  let rejectedToken: string | undefined;
  let refreshToken: string | undefined;

  /** `token` when it can be sent now: not refused, not due. */
  function usable(token: StoredToken | undefined): boolean {
    return !!token && token.accessToken !== rejectedToken && !refreshDue(token, Date.now());
  }

  async function obtain(): Promise<StoredToken> {
    const token = await (store ? store.obtain(api, source.timeoutMs, refresh, usable) : refresh(undefined));
    refreshToken = token.refreshToken ?? refreshToken;
    return (current = token);
  }

  /** A new token from the token endpoint, unless `stored` (read under the store's lock) is usable. */
  async function refresh(stored: StoredToken | undefined): Promise<StoredToken> {
    if (usable(stored)) return stored!;
    // A rejected token was dropped from `current`, but its refresh token may still be good.
    const refresh = stored?.refreshToken ?? refreshToken;
    let grant: TokenGrant | undefined;
    if (refresh) {
      try {
        grant = await grants.refresh(credentials, refresh);
      } catch (error) {
        // A refresh token dies after use, on revocation, after 15 days unused or when the
        // secret is regenerated: then a new client-credentials grant is the way back in.
        if (!(error instanceof YeastarApiError)) throw error;
      }
    }
    grant ??= await grants.clientCredentials(credentials);
    const token = toStoredToken(api, grant, Date.now(), lifetimeMs, source.onWarning);
    refreshToken = token.refreshToken;
    return token;
  }

  return {
    token() {
      if (current && !refreshDue(current, Date.now())) return current.accessToken;
      // Every caller that needs a token while one is being fetched waits for that same request.
      pending ??= obtain().finally(() => {
        pending = undefined;
      });
      return pending.then((token) => token.accessToken);
    },
    async rejected(token) {
      rejectedToken = token;
      if (current?.accessToken === token) current = undefined;
      return true;
    },
  };
}

function toStoredToken(api: YeastarApiName, grant: TokenGrant, now: number, lifetimeMs: number, warn: (message: string) => void): StoredToken {
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = grant ?? {};
  if (!sendable(accessToken) || (refreshToken !== undefined && !sendable(refreshToken))) {
    throw new YeastarResponseError(`${api}: the token endpoint answered no usable token (missing, or with characters a header cannot carry)`);
  }
  // A missing, zero, negative or non-numeric expires_in would make every call ask for a new
  // token (and spend a YCM refresh token each time): the documented lifetime is used instead.
  let lifetime = typeof expiresIn === "number" && expiresIn > 0 && Number.isFinite(expiresIn) ? expiresIn * 1000 : 0;
  if (!lifetime) {
    lifetime = lifetimeMs;
    warn(`${api}: the token endpoint answered expires_in ${JSON.stringify(expiresIn)}; using the documented ${lifetimeMs / 1000} s`);
  }
  return { accessToken, refreshToken, issuedAt: now, expiresAt: now + lifetime };
}

// Where access tokens come from: a fixed token, the caller's function, or (with client
// credentials) a manager that requests, shares, refreshes and replaces them.
import { YeastarApiError, YeastarError } from "./errors.js";
import type { AccessToken, Credentials } from "./options.js";

/** A token as kept in memory and in a `TokenStore`. Times are epoch milliseconds. */
export interface StoredToken {
  accessToken: string;
  refreshToken?: string | undefined;
  issuedAt: number;
  expiresAt: number;
}

/** Lets several processes (or restarts) share one token: e.g. backed by Redis or a file. */
export interface TokenStore {
  get(): StoredToken | undefined | Promise<StoredToken | undefined>;
  set(token: StoredToken): void | Promise<void>;
}

/** The token endpoint's answer, as both APIs shape it. */
export interface TokenGrant {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
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

export function authProvider(
  source: { accessToken?: AccessToken; credentials?: Credentials; tokenStore?: TokenStore },
  grants: TokenGrants,
): AuthProvider {
  const { accessToken, credentials } = source;
  if (credentials) return credentialsAuth(credentials, grants, source.tokenStore);
  if (typeof accessToken === "function") return callbackAuth(accessToken);
  return {
    token: () => accessToken as string,
    // A fixed token cannot be replaced: the rejection reaches the caller.
    rejected: async () => false,
  };
}

function callbackAuth(get: () => string | Promise<string>): AuthProvider {
  const checked = (token: unknown): string => {
    if (typeof token !== "string" || token === "") {
      throw new YeastarError("the accessToken function returned no token (expected a non-empty string)");
    }
    return token;
  };
  const token = () => {
    const value = get();
    return typeof value === "string" ? checked(value) : Promise.resolve(value).then(checked);
  };
  return {
    token,
    // Ask once more: the function may fetch a new token when the old one was rejected.
    rejected: async (rejected) => (await token()) !== rejected,
  };
}

function credentialsAuth(credentials: Credentials, grants: TokenGrants, store: TokenStore | undefined): AuthProvider {
  let current: StoredToken | undefined;
  let pending: Promise<StoredToken> | undefined;
  let rejectedToken: string | undefined;
  let refreshToken: string | undefined;

  async function obtain(): Promise<StoredToken> {
    const stored = store ? await store.get() : undefined;
    if (stored && stored.accessToken !== rejectedToken && !refreshDue(stored, Date.now())) {
      return (current = stored);
    }
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
    const token = toStoredToken(grant, Date.now());
    current = token;
    refreshToken = token.refreshToken;
    if (store) await store.set(token);
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

function toStoredToken(grant: TokenGrant, now: number): StoredToken {
  if (typeof grant?.access_token !== "string" || grant.access_token === "") {
    throw new YeastarError("the token endpoint answered without an access_token");
  }
  const lifetimeMs = typeof grant.expires_in === "number" && grant.expires_in > 0 ? grant.expires_in * 1000 : 0;
  return {
    accessToken: grant.access_token,
    refreshToken: grant.refresh_token,
    issuedAt: now,
    expiresAt: now + lifetimeMs,
  };
}

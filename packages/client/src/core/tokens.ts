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
  /** The token to send now. */
  token(): Promise<string>;
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
  if (credentials) return new CredentialsAuth(credentials, grants, source.tokenStore);
  if (typeof accessToken === "function") return new CallbackAuth(accessToken);
  return {
    token: async () => accessToken as string,
    // A fixed token cannot be replaced: the rejection reaches the caller.
    rejected: async () => false,
  };
}

class CallbackAuth implements AuthProvider {
  constructor(private readonly get: () => string | Promise<string>) {}

  async token(): Promise<string> {
    const token = await this.get();
    if (typeof token !== "string" || token === "") {
      throw new YeastarError("the accessToken function returned no token (expected a non-empty string)");
    }
    return token;
  }

  // Ask once more: the function may fetch a new token when the old one was rejected.
  async rejected(token: string): Promise<boolean> {
    return (await this.token()) !== token;
  }
}

class CredentialsAuth implements AuthProvider {
  private current: StoredToken | undefined;
  private pending: Promise<StoredToken> | undefined;
  private rejectedToken: string | undefined;
  private refreshToken: string | undefined;

  constructor(
    private readonly credentials: Credentials,
    private readonly grants: TokenGrants,
    private readonly store: TokenStore | undefined,
  ) {}

  async token(): Promise<string> {
    const current = this.current;
    if (current && !refreshDue(current, Date.now())) return current.accessToken;
    return (await this.renew()).accessToken;
  }

  async rejected(token: string): Promise<boolean> {
    this.rejectedToken = token;
    if (this.current?.accessToken === token) this.current = undefined;
    return true;
  }

  // Every caller that needs a token while one is being fetched waits for that same request.
  private renew(): Promise<StoredToken> {
    this.pending ??= this.obtain().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async obtain(): Promise<StoredToken> {
    const stored = this.store ? await this.store.get() : undefined;
    if (stored && stored.accessToken !== this.rejectedToken && !refreshDue(stored, Date.now())) {
      return (this.current = stored);
    }
    // A rejected token was dropped from `current`, but its refresh token may still be good.
    const refreshToken = stored?.refreshToken ?? this.refreshToken;
    let grant: TokenGrant | undefined;
    if (refreshToken) {
      try {
        grant = await this.grants.refresh(this.credentials, refreshToken);
      } catch (error) {
        // A refresh token dies after use, on revocation, after 15 days unused or when the
        // secret is regenerated: then a new client-credentials grant is the way back in.
        if (!(error instanceof YeastarApiError)) throw error;
      }
    }
    grant ??= await this.grants.clientCredentials(this.credentials);
    const token = toStoredToken(grant, Date.now());
    this.current = token;
    this.refreshToken = token.refreshToken;
    if (this.store) await this.store.set(token);
    return token;
  }
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

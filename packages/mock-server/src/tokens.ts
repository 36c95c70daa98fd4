import { randomBytes, randomUUID } from "node:crypto";

/**
 * Access and refresh tokens of one API. Tokens are random and opaque (not JWTs): clients must treat them as
 * opaque strings anyway, and randomness (unlike the seeded dataset) keeps tokens from leaking between runs.
 */

export interface TokenLifetimes {
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Whole seconds, rounded up so a sub-second test TTL still reads as "expires soon" rather than 0. */
  expiresIn: number;
  jti: string;
}

export type AccessCheck = "valid" | "expired" | "unknown";
/** Why a refresh token was refused; `dead` covers used-up and revoked tokens. */
export type RefreshCheck = { ok: true; clientId: string } | { ok: false; reason: "unknown" | "expired" | "dead" };

interface Entry {
  clientId: string;
  expiresAt: number;
  dead: boolean;
}

/** How long an expired or used-up token is remembered, so that it is refused as expired or dead rather than unknown. */
export const RETIRED_TOKEN_RETENTION_MS = 10 * 60_000;
/** The most tokens of each kind kept at once; past it the oldest are forgotten (and then refused as unknown). */
export const MAX_TOKENS = 10_000;

export class TokenStore {
  // A mock runs for days in CI, so what it issues must be freed: expired and used-up tokens are kept for
  // RETIRED_TOKEN_RETENTION_MS (telling TOKEN_EXPIRED from INVALID_TOKEN), then dropped, and no map grows past
  // MAX_TOKENS. Maps keep insertion order and every token of a store has the same lifetime, so the oldest entry
  // is always the first to go: each sweep only looks at what it removes.
  private readonly access = new Map<string, Entry>();
  private readonly refresh = new Map<string, Entry>();
  /** Used-up and revoked refresh tokens, by the time they died. */
  private readonly retired = new Map<string, Entry & { diedAt: number }>();

  constructor(
    private readonly prefix: string,
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number = Date.now,
    private readonly retentionMs: number = RETIRED_TOKEN_RETENTION_MS,
  ) {}

  /** How many tokens are held (access, refresh and retired): flat however long the mock runs. */
  get size(): number {
    return this.access.size + this.refresh.size + this.retired.size;
  }

  private sweep(now: number): void {
    const old = now - this.retentionMs;
    dropWhile(this.access, (entry) => entry.expiresAt <= old || this.access.size > MAX_TOKENS);
    dropWhile(this.refresh, (entry) => entry.expiresAt <= old || this.refresh.size > MAX_TOKENS);
    dropWhile(this.retired, (entry) => entry.diedAt <= old || this.retired.size > MAX_TOKENS);
  }

  private retire(token: string, entry: Entry, now: number): void {
    this.refresh.delete(token);
    this.retired.set(token, { ...entry, dead: true, diedAt: now });
  }

  issue(clientId: string): IssuedTokens {
    const now = this.now();
    this.sweep(now);
    const accessToken = `${this.prefix}_at_${randomBytes(24).toString("base64url")}`;
    const refreshToken = `${this.prefix}_rt_${randomBytes(24).toString("base64url")}`;
    this.access.set(accessToken, { clientId, expiresAt: now + this.lifetimes.accessTokenTtlMs, dead: false });
    this.refresh.set(refreshToken, { clientId, expiresAt: now + this.lifetimes.refreshTokenTtlMs, dead: false });
    return {
      accessToken,
      refreshToken,
      expiresIn: Math.ceil(this.lifetimes.accessTokenTtlMs / 1000),
      jti: randomUUID(),
    };
  }

  checkAccess(token: string | undefined): AccessCheck {
    const entry = token === undefined ? undefined : this.access.get(token);
    if (!entry || entry.dead) return "unknown";
    return this.now() >= entry.expiresAt ? "expired" : "valid";
  }

  /** Consumes a refresh token: it works exactly once (the vendor rotates it), so a replay is refused. */
  useRefresh(token: string): RefreshCheck {
    if (this.retired.has(token)) return { ok: false, reason: "dead" };
    const entry = this.refresh.get(token);
    if (!entry) return { ok: false, reason: "unknown" };
    const now = this.now();
    if (now >= entry.expiresAt) return { ok: false, reason: "expired" };
    this.retire(token, entry, now);
    return { ok: true, clientId: entry.clientId };
  }

  /** Kills every live refresh token of a client and returns how many; access tokens live on until they expire. */
  revokeRefreshTokens(clientId: string): number {
    let count = 0;
    const now = this.now();
    for (const [token, entry] of this.refresh) {
      if (entry.clientId === clientId && now < entry.expiresAt) {
        this.retire(token, entry, now);
        count++;
      }
    }
    return count;
  }
}

/** Deletes entries from the front of `map` (the oldest) while `drop` says so. */
function dropWhile<T>(map: Map<string, T>, drop: (entry: T) => boolean): void {
  for (const [key, entry] of map) {
    if (!drop(entry)) return;
    map.delete(key);
  }
}

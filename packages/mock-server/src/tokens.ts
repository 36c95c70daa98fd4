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

export class TokenStore {
  // Expired tokens stay in the maps so that they can be told apart from never-issued ones (TOKEN_EXPIRED vs
  // INVALID_TOKEN). A mock lives for one test run, so the growth does not matter.
  private readonly access = new Map<string, Entry>();
  private readonly refresh = new Map<string, Entry>();

  constructor(
    private readonly prefix: string,
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  issue(clientId: string): IssuedTokens {
    const now = this.now();
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
    const entry = this.refresh.get(token);
    if (!entry) return { ok: false, reason: "unknown" };
    if (entry.dead) return { ok: false, reason: "dead" };
    if (this.now() >= entry.expiresAt) return { ok: false, reason: "expired" };
    entry.dead = true;
    return { ok: true, clientId: entry.clientId };
  }

  /** Kills every live refresh token of a client and returns how many; access tokens live on until they expire. */
  revokeRefreshTokens(clientId: string): number {
    let count = 0;
    const now = this.now();
    for (const entry of this.refresh.values()) {
      if (entry.clientId === clientId && !entry.dead && now < entry.expiresAt) {
        entry.dead = true;
        count++;
      }
    }
    return count;
  }
}

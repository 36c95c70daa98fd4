// What differs between YCM and Workplace at run time, behind one interface, so the transport,
// tokens and pagination are written once.
import type { YeastarApiError, YeastarApiName } from "./errors.js";
import type { ApiSpecMeta } from "./spec-meta.js";
import type { TokenGrants } from "./tokens.js";

/** The vendor's error fields, read from whichever field names the body uses. */
export interface VendorError {
  code?: number | string | undefined;
  message?: string | undefined;
  detail?: string | undefined;
  requestId?: string | undefined;
}

/** Sends a request outside the typed paths (the token grants), with retries and error mapping. */
export type RawRequest = (method: string, path: string, form: Record<string, string>) => Promise<unknown>;

export interface Product {
  readonly api: YeastarApiName;
  readonly meta: ApiSpecMeta;
  /** Reads the error fields of a body; undefined when the body is not a `Failed` envelope. */
  vendorError(body: unknown, httpError: boolean): VendorError | undefined;
  /** The token was refused (expired, revoked, unknown): a new one may be tried once. */
  tokenRejected(error: YeastarApiError): boolean;
  /** A rate-limit answer that may come without HTTP 429. */
  rateLimited(error: YeastarApiError): boolean;
  grants(request: RawRequest): TokenGrants;
  /** The documented access-token lifetime: used when a grant's `expires_in` is unusable. */
  readonly tokenLifetimeMs: number;
}

/** The first of `keys` that `body` carries as a string or number. */
export function pick(body: Record<string, unknown>, keys: readonly string[]): string | number | undefined {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === "string" || typeof value === "number") return value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

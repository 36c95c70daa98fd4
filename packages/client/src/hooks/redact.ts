// What keeps secrets out of hook events: values under secret-looking names are replaced, and
// the tokens and secrets the client has seen on the wire are cut out of any string, wherever
// they turn up (a query string, a body that echoes one).
export const REDACTED = "[REDACTED]";

/**
 * Names whose values are secrets in both APIs and in OAuth generally: client_secret,
 * access_token, refresh_token, Authorization, password and the like, API keys, PINs. Matched
 * case-insensitively anywhere in the name (`refreshToken`, `sip_password`, `vm_pin`), so a field
 * Yeastar adds later is covered too; the spec's own `format: password` fields are added by name.
 */
export const SECRET_NAME = /secret|token|passw|pwd|authorization|api[_-]?key|credential|signature|(^|[_-])pin$/i;

/** Tokens and secrets the client sent or received, to cut out of any text. The newest are kept. */
export class KnownSecrets {
  private readonly values: string[] = [];
  constructor(private readonly keep = 64) {}

  add(value: unknown): void {
    // Short values would cut ordinary words out of every string; a token or secret is longer.
    if (typeof value !== "string" || value.length < 8 || this.values.includes(value)) return;
    this.values.push(value);
    if (this.values.length > this.keep) this.values.shift();
  }

  scrub(text: string): string {
    for (const secret of this.values) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text;
  }
}

export interface RedactOptions {
  /** More names to treat as secret, exactly (the spec's `format: password` fields). */
  names?: readonly string[];
  /** Secrets to cut out of every string. */
  known?: KnownSecrets;
}

/** Whether values under `name` are replaced. */
export function isSecretName(name: string, names: readonly string[] = []): boolean {
  return SECRET_NAME.test(name) || names.includes(name);
}

/**
 * A copy of `value` with every value under a secret name replaced by "[REDACTED]" (booleans and
 * null kept: `passwordlessLogin: true` says nothing secret) and every known secret cut out of
 * strings. Arrays, plain objects and primitives are copied; anything else becomes its type name.
 */
export function redact(value: unknown, options: RedactOptions = {}, depth = 0): unknown {
  if (typeof value === "string") return options.known ? options.known.scrub(value) : value;
  if (value === null || typeof value !== "object") return value;
  // A body nested deeper than any the APIs answer is cut rather than walked.
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, options, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `[${(value as object).constructor?.name ?? "object"}]`;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretName(key, options.names) && item !== null && typeof item !== "boolean" ? REDACTED : redact(item, options, depth + 1);
  }
  return out;
}

/** The query string of `url` with secret parameters replaced (`?pageSize=50&access_token=[REDACTED]`), or "". */
export function redactQuery(search: URLSearchParams, options: RedactOptions = {}): string {
  const out = new URLSearchParams();
  for (const [key, value] of search) out.append(key, isSecretName(key, options.names) ? REDACTED : options.known ? options.known.scrub(value) : value);
  const text = out.toString();
  // URLSearchParams encodes the brackets; the marker reads better as written.
  return text ? `?${text.replaceAll("%5BREDACTED%5D", REDACTED)}` : "";
}

/** `url` with secret query parameters replaced and no user name or password. */
export function redactUrl(url: string | URL, options: RedactOptions = {}): string {
  const parsed = new URL(url);
  return `${parsed.origin}${options.known ? options.known.scrub(parsed.pathname) : parsed.pathname}${redactQuery(parsed.searchParams, options)}`;
}

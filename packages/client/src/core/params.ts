// Checks a call's query and path parameters against the limits the spec sets (generated into
// src/generated), before anything is sent: a wrong page size fails here with a clear message
// instead of as a vendor error code after a round trip.
import { YeastarInvalidRequestError } from "./errors.js";
import type { OperationMeta, ParamRule } from "./spec-meta.js";

type Params = { query?: Record<string, unknown> | undefined; path?: Record<string, unknown> | undefined } | undefined;

const PLACES = ["query", "path"] as const;

export function checkParams(api: string, method: string, path: string, op: OperationMeta, params: Params): void {
  for (const where of PLACES) {
    const rules = op[where] ?? {};
    const given = params?.[where] ?? {};
    for (const name in given) {
      if (!Object.hasOwn(rules, name)) {
        fail(api, method, path, `unknown ${where} parameter "${name}" (known: ${Object.keys(rules).join(", ") || "none"})`);
      }
    }
    for (const name in rules) {
      const rule = rules[name]!;
      const value = given[name];
      if (value === undefined || value === null) {
        if (rule.required) fail(api, method, path, `missing required ${where} parameter "${name}"`);
        continue;
      }
      const problem = checkValue(rule, value);
      if (problem) fail(api, method, path, `${where} parameter "${name}" ${problem}`);
    }
  }
}

// A Long beyond 2^53 cannot be a JavaScript number: it is given as a string of digits or a
// bigint, and sent exactly as written.
const isLong = (value: unknown): value is string | bigint =>
  typeof value === "bigint" || (typeof value === "string" && /^-?\d{16,}$/.test(value) && !Number.isSafeInteger(Number(value)));

const TYPES = {
  integer: [(value: unknown) => Number.isSafeInteger(value) || isLong(value), "a whole number (beyond 2^53: a string of digits or a bigint)"],
  number: [(value: unknown) => Number.isFinite(value), "a number"],
  string: [(value: unknown) => typeof value === "string", "a string"],
  boolean: [(value: unknown) => typeof value === "boolean", "true or false"],
} as const;

function checkValue(rule: ParamRule, value: unknown): string | undefined {
  const type = rule.type && TYPES[rule.type];
  if (type && !type[0](value)) return `must be ${type[1]}, got ${show(value)}`;
  if (rule.wildcard && !String(value).split("/").every((segment) => WILDCARD_SEGMENT.test(segment))) {
    return `must be a path of segments joined by "/" (no empty, "." or ".." segment, "?", "#", "%" or "\\"), got ${show(value)}`;
  }
  if (typeof value === "number" || isLong(value)) {
    // A bigint compares exactly with a number.
    const n = typeof value === "number" ? value : BigInt(value);
    if (rule.minimum !== undefined && n < rule.minimum) return `must be at least ${rule.minimum}, got ${value}`;
    if (rule.maximum !== undefined && n > rule.maximum) return `must be at most ${rule.maximum}, got ${value}`;
  }
  if (typeof value === "string" && rule.type !== "integer" && rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    return `must match ${rule.pattern}, got ${show(value)}`;
  }
  if (rule.enum && !rule.enum.includes(value as string | number)) {
    return `must be one of ${rule.enum.map(show).join(", ")}, got ${show(value)}`;
  }
  return undefined;
}

// A wildcard path parameter (YCM's pass-through `pbxApiPath`) is sent with its slashes as
// slashes, so it must not be able to leave its place in the URL: segments of RFC 3986 path
// characters only, none empty, `.` or `..`. That refuses `?` and `#` (a query or fragment), `%`
// (an encoded `/` or `.` a server might decode), `\` (read as `/` by some servers) and braces.
const WILDCARD_SEGMENT = /^(?!\.\.?$)[\w\-.~!$&'()*+,;=:@]+$/;

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(value);
}

function fail(api: string, method: string, path: string, message: string): never {
  throw new YeastarInvalidRequestError(`${api} ${method} ${path}: ${message}`);
}

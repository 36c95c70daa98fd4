import type { Operation } from "@yeastar-openapi/spec-model";
import type { ApiName } from "./envelopes.js";

/**
 * Matches requests against the spec's operations. Literal segments win over templated ones
 * (`/trunk_acl/page` before `/trunk_acl/{userId}`), whatever order the document lists them in.
 */

export type RouteMatch =
  | { kind: "route"; op: Operation; api: ApiName; pathParams: Record<string, string> }
  /** The path exists but not with this method: Workplace documents HTTP 405 for that. */
  | { kind: "method"; api: ApiName }
  /** Under an API's prefix, but no such operation. */
  | { kind: "none"; api: ApiName }
  /** Outside every API. */
  | { kind: "foreign" };

interface Template {
  segments: Array<string | { param: string }>;
  /**
   * The last segment is a path parameter marked `x-yeastar-path-wildcard` (YCM's pass-through
   * `**`): it takes the rest of the path, one or more segments, slashes kept.
   */
  wildcard: boolean;
  /** Operations of this path template by upper-case method. */
  byMethod: Map<string, Operation>;
  api: ApiName;
}

export class Router {
  /** Paths without parameters: one lookup. */
  private readonly literal = new Map<string, Template>();
  /** Paths with parameters, most literal first. */
  private readonly templated: Template[] = [];
  private readonly prefixes: Array<[string, ApiName]> = [];

  constructor(operations: readonly Operation[]) {
    const byPath = new Map<string, Template>();
    for (const op of operations) {
      const api = op.api as ApiName;
      let t = byPath.get(op.path);
      if (!t) {
        const segments = op.path.split("/").map((s) => {
          const m = /^\{(.+)\}$/.exec(s);
          return m ? { param: m[1]! } : s;
        });
        const last = segments.at(-1);
        const wildcard = typeof last === "object" && op.parametersIn.path.some((p) => p.wildcard && p.name === last.param);
        t = { segments, wildcard, byMethod: new Map(), api };
        byPath.set(op.path, t);
        if (segments.every((s) => typeof s === "string")) this.literal.set(op.path, t);
        else this.templated.push(t);
      }
      t.byMethod.set(op.method.toUpperCase(), op);
    }
    this.templated.sort(specificity);
    for (const api of new Set([...byPath.values()].map((t) => t.api))) {
      const paths = [...byPath.entries()].filter(([, t]) => t.api === api).map(([p]) => p);
      this.prefixes.push([commonPrefix(paths), api]);
    }
    // Longer prefixes first, so an API nested in another's prefix is still told apart.
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  match(method: string, rawPath: string): RouteMatch {
    const pathname = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
    let pathMatched = false;
    const exact = this.literal.get(pathname);
    if (exact) {
      const op = exact.byMethod.get(method);
      if (op) return { kind: "route", op, api: exact.api, pathParams: {} };
      pathMatched = true;
    }
    const parts = pathname.split("/");
    for (const t of this.templated) {
      if (t.wildcard ? parts.length < t.segments.length : t.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < t.segments.length; i++) {
        if (t.wildcard && i === t.segments.length - 1) {
          const rest = wildcardValue(parts.slice(i));
          if (rest === undefined) ok = false;
          else params[(t.segments[i] as { param: string }).param] = rest;
          break;
        }
        const s = t.segments[i]!;
        const part = parts[i]!;
        if (typeof s === "string") {
          if (s !== part) {
            ok = false;
            break;
          }
        } else if (part === "") {
          ok = false;
          break;
        } else params[s.param] = safeDecode(part);
      }
      if (!ok) continue;
      const op = t.byMethod.get(method);
      if (op) return { kind: "route", op, api: t.api, pathParams: params };
      pathMatched = true;
    }
    const api = this.prefixes.find(([prefix]) => pathname.startsWith(prefix))?.[1];
    if (!api) return { kind: "foreign" };
    return pathMatched ? { kind: "method", api } : { kind: "none", api };
  }
}

/**
 * The wildcard's value: its segments decoded and joined by `/`, or undefined (no match) when one
 * is empty, `.` or `..`, or hides a `/` as `%2F`: the spec says the slashes are sent as slashes.
 */
function wildcardValue(parts: string[]): string | undefined {
  const decoded = parts.map(safeDecode);
  if (decoded.some((part) => part === "" || part === "." || part === ".." || part.includes("/"))) return undefined;
  return decoded.join("/");
}

/** Segment by segment, a literal sorts before a parameter. */
function specificity(a: Template, b: Template): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const al = typeof a.segments[i] === "string";
    const bl = typeof b.segments[i] === "string";
    if (al !== bl) return al ? -1 : 1;
  }
  return 0;
}

/** The longest common leading run of whole segments, ending in `/` (`/dm/open_api/`). */
function commonPrefix(paths: string[]): string {
  const split = paths.map((p) => p.split("/"));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length - 1 && split.every((s) => s[n] === first[n] && n < s.length - 1)) n++;
  return `${first.slice(0, n).join("/")}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

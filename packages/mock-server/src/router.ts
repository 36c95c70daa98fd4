import type { ApiName } from "./envelopes.js";
import type { Route } from "./routes/types.js";

export type RouteMatch =
  | { kind: "route"; route: Route; pathParams: Record<string, string> }
  /** The path exists but not with this method: Workplace documents HTTP 405 for that. */
  | { kind: "method"; api: ApiName }
  /** Under an API's prefix, but no such operation. */
  | { kind: "none"; api: ApiName }
  /** Outside both APIs. */
  | { kind: "foreign" };

const API_PREFIXES: ReadonlyArray<[string, ApiName]> = [
  ["/dm/open_api/", "ycm"],
  ["/services/openapi/", "workplace"],
];

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split("/")
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(param[1]);
          return "([^/]+)";
        })
        .join("/");
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  match(method: string, pathname: string): RouteMatch {
    let pathMatched = false;
    for (const { route, pattern, names } of this.compiled) {
      const m = pattern.exec(pathname);
      if (!m) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParams[name] = safeDecode(m[i + 1] ?? "");
      });
      return { kind: "route", route, pathParams };
    }
    const api = API_PREFIXES.find(([prefix]) => pathname.startsWith(prefix))?.[1];
    if (!api) return { kind: "foreign" };
    return pathMatched ? { kind: "method", api } : { kind: "none", api };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

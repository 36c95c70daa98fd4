import type { IncomingHttpHeaders } from "node:http";
import type { Operation, SpecModel } from "@yeastar-openapi/spec-model";

/** Where an operation's `security` says the access token may travel, in the order its alternatives list them. */
export type TokenSource = { kind: "bearer" } | { kind: "query"; name: string } | { kind: "header"; name: string };

export function tokenSources(model: SpecModel, op: Operation): TokenSource[] {
  const components = (model.document.components ?? {}) as Record<string, unknown>;
  const schemes = (components.securitySchemes ?? {}) as Record<string, Record<string, unknown>>;
  const out: TokenSource[] = [];
  for (const requirement of op.security) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name] ? model.refs.resolve<Record<string, unknown>>(schemes[name]) : undefined;
      if (!scheme) throw new Error(`${op.operationId}: security scheme ${name} is not defined`);
      let source: TokenSource;
      if ((scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") || scheme.type === "oauth2" || scheme.type === "openIdConnect") {
        source = { kind: "bearer" };
      } else if (scheme.type === "apiKey" && (scheme.in === "query" || scheme.in === "header")) {
        source = { kind: scheme.in, name: String(scheme.name) };
      } else {
        throw new Error(`${op.operationId}: the mock cannot check security scheme ${name} (${String(scheme.type)})`);
      }
      if (!out.some((s) => JSON.stringify(s) === JSON.stringify(source))) out.push(source);
    }
  }
  return out;
}

/** The token the request carries, from the first source that has one (so the header wins over the query). */
export function presentedToken(sources: readonly TokenSource[], headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  for (const source of sources) {
    if (source.kind === "bearer") {
      const header = headers.authorization;
      const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
      if (token) return token;
    } else if (source.kind === "query") {
      const token = query.get(source.name);
      if (token) return token;
    } else {
      const token = headers[source.name.toLowerCase()];
      if (typeof token === "string" && token) return token;
    }
  }
  return undefined;
}

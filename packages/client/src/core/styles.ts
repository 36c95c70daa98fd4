// Parameters the spec serialises otherwise than openapi-fetch's defaults: YCM's comma-separated
// lists (`regionIds=3,4`: style form, explode false), the pass-through's free-form query object
// (form, exploded: `id=2&type=vm_pin`, not `pbxApiQuery[id]=2`) and its wildcard path parameter
// (`openapi/v1.0/extension/list`, slashes kept). The generator writes `style`/`explode`/`wildcard`
// only where they differ from the default, so an operation without them gets null here and is
// sent exactly as before (see `styled` in client.ts: worked out once per operation). Kept terse:
// it ships in every browser app (test/size.test.ts).
import { defaultPathSerializer, serializeArrayParam, serializeObjectParam, type PathSerializer } from "openapi-fetch";
import type { OperationMeta, ParamRule } from "./spec-meta.js";

export type QuerySerializer = (query: Record<string, unknown>) => string;

/** The serialisers an operation needs instead of the defaults; absent where the default is right. */
export interface Styled {
  query?: QuerySerializer | undefined;
  path?: PathSerializer | undefined;
}

const isStyled = (rule: ParamRule | undefined) => rule && (rule.style || rule.explode !== undefined);

/** What `op` needs beyond the defaults, or null when it needs nothing (most operations). */
export function styledFor(op: OperationMeta, usual: QuerySerializer): Styled | null {
  const rules = op.query ?? {};
  const path = op.path ?? {};
  const wildcards = Object.keys(path).filter((name) => path[name]!.wildcard);
  const styled = Object.values(rules).some(isStyled);
  if (!styled && !wildcards.length) return null;
  // Each parameter in turn: the styled lists and objects with openapi-fetch's own serialisers
  // (an empty list is no parameter, as by default), the others as usual.
  const each: QuerySerializer = (query) =>
    Object.keys(query)
      .map((name) => {
        const value = query[name];
        const rule = rules[name];
        if (!isStyled(rule) || !value || typeof value != "object") return usual({ [name]: value });
        const options = { style: (rule!.style ?? (Array.isArray(value) ? "form" : "deepObject")) as "form", explode: rule!.explode ?? true };
        return Array.isArray(value) ? (value.length ? serializeArrayParam(name, value, options) : "") : serializeObjectParam(name, value as Record<string, unknown>, options);
      })
      .filter(Boolean)
      .join("&");
  return {
    // The browser build gives every operation the rules of every parameter name, so a call that
    // passes no styled list or object is sent by the usual serialiser in one go.
    query: styled ? (query) => (Object.keys(query).some((name) => isStyled(rules[name]) && typeof query[name] == "object") ? each(query) : usual(query)) : undefined,
    // The wildcards filled in first, slashes kept and each segment encoded as any path value is
    // (params.ts refused `..`, `.`, empty segments, `?`, `#`, `%`, `\` and braces), then the rest.
    path: wildcards.length
      ? (template, values) =>
          defaultPathSerializer(
            wildcards.reduce(
              (filled, name) => (values[name] == null ? filled : filled.replace(`{${name}}`, () => String(values[name]).split("/").map(encodeURIComponent).join("/"))),
              template,
            ),
            values,
          )
      : undefined,
  };
}

// Generates the curl sample of every operation, from the bundled description alone, like the
// TypeScript sample beside it: the server's URL (overridable by <API>_BASE_URL), the path and
// query with the parameters' `example`s, the header parameters' examples, the request body's
// examples (one command per named example), and credentials and tokens read from environment
// variables (YCM_ACCESS_TOKEN, YCM_CLIENT_SECRET, ...), so a sample never shows a secret and
// runs as pasted once the variables are set. packages/docs/test/curl-samples.test.ts runs every
// one against the mock server.
import { loadSpec } from "@yeastar-openapi/spec-model";

export const curlLabel = "curl";
export const curlLang = "Shell";

// Body fields whose values come from the environment (the same list as the TypeScript samples).
const credentialFields = new Set(["client_id", "client_secret", "refresh_token", "access_token"]);

/** `text` quoted for a POSIX shell's double quotes (variables written as `$NAME` stay live). */
const dq = (text) => `"${String(text).replace(/["\\`$]/g, (c) => `\\${c}`)}"`;
/** `text` quoted for single quotes: nothing inside expands. */
const sq = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

/** The environment variables of one API: YCM_BASE_URL, YCM_ACCESS_TOKEN, YCM_CLIENT_ID, ... */
export function curlEnv(api) {
  const prefix = api.toUpperCase();
  return { baseUrl: `${prefix}_BASE_URL`, accessToken: `${prefix}_ACCESS_TOKEN`, field: (name) => `${prefix}_${name.toUpperCase()}` };
}

/** The first server's URL with its variables at their defaults. */
function serverUrl(doc) {
  const server = doc.servers?.[0];
  if (!server) throw new Error("the description has no server for the curl samples to call");
  return server.url.replace(/\{(\w+)\}/g, (_, name) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`server variable {${name}} has no default`);
    return value;
  });
}

const scalar = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/** The request URL of one operation with its example path and query parameters (no base). */
function target(doc, op) {
  const wildcard = op.node["x-yeastar-path-wildcard"];
  let path = op.path;
  for (const param of op.parametersIn.path) {
    if (param.example === undefined) throw new Error(`${op.operationId}: path parameter "${param.name}" has no example for the curl sample`);
    const encoded = encodeURIComponent(scalar(param.example));
    // A wildcard parameter (a PBX API path) keeps its slashes, as the API requires.
    path = path.replace(`{${param.name}}`, param.name === wildcard ? encoded.replaceAll("%2F", "/") : encoded);
  }
  const query = new URLSearchParams();
  for (const param of op.parametersIn.query) {
    if (param.example === undefined) {
      if (param.required) throw new Error(`${op.operationId}: required query parameter "${param.name}" has no example for the curl sample`);
      continue;
    }
    // Arrays as repeated keys (OpenAPI's default for query parameters: form, exploded), or
    // comma-separated where the parameter says `explode: false`.
    const values = Array.isArray(param.example) ? param.example.map(scalar) : [scalar(param.example)];
    if (param.explode === false) query.append(param.name, values.join(","));
    else for (const value of values) query.append(param.name, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The request body examples as { title, value }, or [] when the operation takes none. */
function bodyExamples(op) {
  const media = op.requestBody?.content[0];
  if (!media) return [];
  const { examples } = media;
  if (examples[0]?.name === "example") return [{ value: examples[0].value }];
  if (examples.length > 0) return examples.map((e) => ({ title: e.summary?.replace(/\s*\([^)]*placeholder[^)]*\)\s*$/i, "").trim(), value: e.value }));
  if (op.requestBody.required) throw new Error(`${op.operationId}: the ${media.mediaType} request body has no example for the curl sample`);
  return [];
}

/** `--data` lines for one body example: a JSON document, or one `--data-urlencode` per form field. */
function bodyArgs(op, media, value, env) {
  if (media.mediaType === "application/x-www-form-urlencoded") {
    return Object.entries(value ?? {}).map(([key, v]) =>
      credentialFields.has(key) ? `--data-urlencode "${key}=$${env.field(key)}"` : `--data-urlencode ${sq(`${key}=${scalar(v)}`)}`,
    );
  }
  if (!/json/.test(media.mediaType)) throw new Error(`${op.operationId}: no curl sample for a ${media.mediaType} body`);
  // Credentials leave the single-quoted JSON for a double-quoted variable: '{"client_id": "'"$YCM_CLIENT_ID"'"}'.
  const marker = (key) => `\u0000${env.field(key)}\u0000`;
  const withEnv = (v) =>
    Array.isArray(v) ? v.map(withEnv) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, credentialFields.has(k) ? marker(k) : withEnv(x)])) : v;
  const json = sq(JSON.stringify(withEnv(value), null, 2).replaceAll("\n", "\n  ")).replace(/"\\u0000(\w+)\\u0000"/g, `"'"$$$1"'"`);
  return [`--header "Content-Type: ${media.mediaType}"`, `--data ${json}`];
}

/** The curl sample (a shell script) of one operation. */
export function curlSource(api, doc, method, path) {
  const op = loadSpec(doc).find(method, path);
  if (!op) throw new Error(`the ${api} description has no operation ${method.toUpperCase()} ${path}`);
  const env = curlEnv(api);
  // "${YCM_BASE_URL:-https://ycm.yeastar.com}/dm/open_api/...": the vendor's host unless the variable says otherwise.
  const url = `"\${${env.baseUrl}:-${serverUrl(doc)}}${dq(target(doc, op)).slice(1)}`;
  const common = [];
  if (method !== "get") common.push(`--request ${method.toUpperCase()}`);
  if (op.needsToken) common.push(`--header "Authorization: Bearer $${env.accessToken}"`);
  for (const param of op.parametersIn.header) {
    if (param.example === undefined) {
      if (param.required) throw new Error(`${op.operationId}: required header "${param.name}" has no example for the curl sample`);
      continue;
    }
    common.push(`--header ${dq(`${param.name}: ${scalar(param.example)}`)}`);
  }
  const lines = [];
  if (op.needsToken) lines.push(`# ${env.accessToken}: an access token from the token endpoint (see Authentication).`);
  const examples = bodyExamples(op);
  const media = op.requestBody?.content[0];
  for (const { title, value } of examples.length ? examples : [{}]) {
    if (title) lines.push(`# ${title}.`);
    const args = [...common, ...(media && value !== undefined ? bodyArgs(op, media, value, env) : [])];
    lines.push([`curl ${url}`, ...args.map((a) => `  ${a}`)].join(" \\\n"), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

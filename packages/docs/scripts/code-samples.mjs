// Generates the TypeScript code sample of every operation: our client making that call, written
// from the bundled description alone (operationId, method, path, the parameters' `example`s and
// the request body's examples), so a sample cannot drift from the spec and none is hand-written.
//
// For each API it writes, under packages/docs/.build/ (gitignored):
//   <api>.openapi.json               a copy of spec/dist/<api>.openapi.json with `x-codeSamples`
//                                    added to every operation; the docs build renders this copy
//   samples/<api>/<operationId>.ts   each sample as a module, byte for byte what the page shows
// and then type-checks every module against the real @yeastar-openapi/client (its built .d.ts,
// TypeScript 5.9), so a sample that would not compile for a reader fails the docs build.
//
// `node scripts/code-samples.mjs` (in packages/docs) does both and exits 1 naming each broken sample.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadSpec } from "@yeastar-openapi/spec-model";
import { cliLabel, cliLang, cliSource } from "./cli-samples.mjs";
import { curlLabel, curlLang, curlSource } from "./curl-samples.mjs";
import { clientMeta } from "../../client/scripts/generate-meta.mjs";
import { apis, repoRoot, specDir } from "../../../spec/scripts/redocly.mjs";

export const docsDir = fileURLToPath(new URL("..", import.meta.url));
export const buildDir = join(docsDir, ".build");
export const sampleLabel = "@yeastar-openapi/client";

// The client sends User-Agent itself (its `userAgent` option): a sample passing it would teach
// readers a chore they do not have.
const clientManagedHeaders = new Set(["user-agent"]);

// Body fields that carry credentials. A sample reads them from the environment instead of
// showing the spec's placeholder values, so nobody pastes a secret into code. Any other field
// whose name looks like a credential stops the generator until it is added here.
const credentialFields = new Set(["client_id", "client_secret", "refresh_token", "access_token"]);
// Of those, the ones that are secrets: a sample never prints a response field named so.
const secretFields = new Set(["client_secret", "refresh_token", "access_token"]);
const looksLikeCredential = /secret|token|password|passwd|api_?key|credential/i;
// Fields whose name looks like a credential but that hold a setting (YCM's `Enabled`/`Disabled`
// switches for passwordless login): shown as they are.
const notCredentials = new Set(["passwordlessLogin", "allowSuperiorPasswordlessLogin"]);

// Code lines break at 80 columns; comments at 60, since Redoc's sample panel shows about that
// much before it scrolls sideways, and prose that scrolls goes unread.
const maxLine = 80;
const maxCommentLine = 60;

/** What a sample calls the client of one API: `ycm` -> createYcmClient, YCM_CLIENT_ID. */
export function clientNames(api) {
  const title = api[0].toUpperCase() + api.slice(1);
  return { factory: `create${title}Client`, variable: api, envPrefix: api.toUpperCase() };
}

// The spec model of each description, built once per document.
const models = new WeakMap();
function modelOf(doc) {
  if (!models.has(doc)) models.set(doc, loadSpec(doc));
  return models.get(doc);
}

// --- Rendering values as TypeScript ----------------------------------------------------------------

/** A value known only when the sample runs, such as `process.env.YCM_CLIENT_SECRET!`. */
class Code {
  constructor(text) {
    this.text = text;
  }
}

const propertyKey = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/**
 * `value` as a TypeScript expression starting at `column` of a line indented by `indent`, kept on
 * one line when it fits (with `tail` characters after it), else one property per line.
 */
function render(value, indent, column, tail = 0) {
  const inline = renderInline(value);
  const breakable = value !== null && typeof value === "object" && !(value instanceof Code);
  if (!breakable || column + inline.length + tail <= maxLine) return inline;
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  const items = Array.isArray(value)
    ? value.map((v) => `${pad}${render(v, inner, inner, 1)},`)
    : Object.entries(value).map(([k, v]) => `${pad}${propertyKey(k)}: ${render(v, inner, inner + propertyKey(k).length + 2, 1)},`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${items.join("\n")}\n${" ".repeat(indent)}${close}`;
}

function renderInline(value) {
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.map(renderInline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${renderInline(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

/** A call `prefix(path, init)suffix`, broken over lines when it does not fit on one. */
function renderCall(prefix, path, init, suffix) {
  const args = init === undefined ? [JSON.stringify(path)] : [JSON.stringify(path), renderInline(init)];
  const oneLine = `${prefix}(${args.join(", ")})${suffix}`;
  if (oneLine.length <= maxLine) return oneLine;
  const head = `${prefix}(${JSON.stringify(path)}, `;
  return `${head}${render(init, 0, head.length, 1 + suffix.length)})${suffix}`;
}

// --- From the description to a sample ----------------------------------------------------------------

/** `params` for the call: path, query and header parameters with their example values. */
function callParams(op) {
  const params = {};
  for (const param of op.parameters) {
    if (param.in === "header" && clientManagedHeaders.has(param.name.toLowerCase())) continue;
    if (param.in === "cookie") throw new Error(`${op.operationId}: cookie parameters have no place in the client's calls`);
    if (param.example === undefined) {
      if (param.required) throw new Error(`${op.operationId}: required ${param.in} parameter "${param.name}" has no example to show`);
      continue;
    }
    (params[param.in] ??= {})[param.name] = param.example;
  }
  return params;
}

/** Credentials in a body example become environment variables; anything secret-looking must be listed. */
function withCredentialsFromEnv(value, envPrefix, operationId, where = "body") {
  if (Array.isArray(value)) return value.map((v, i) => withCredentialsFromEnv(v, envPrefix, operationId, `${where}[${i}]`));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (credentialFields.has(key)) return [key, new Code(`process.env.${envPrefix}_${key.toUpperCase()}!`)];
      if (looksLikeCredential.test(key) && !notCredentials.has(key)) {
        throw new Error(`${operationId}: ${where}.${key} looks like a credential; add it to credentialFields in ` +
          "packages/docs/scripts/code-samples.mjs so samples read it from the environment");
      }
      return [key, withCredentialsFromEnv(v, envPrefix, operationId, `${where}.${key}`)];
    }),
  );
}

// Example summaries annotate the spec's placeholder values ("(placeholder secret)"); the sample
// reads those values from the environment instead, so the note would mislead there.
const exampleTitle = (summary) => summary?.replace(/\s*\([^)]*placeholder[^)]*\)\s*$/i, "").trim();

/** The request body examples of an operation as { key, title, value }, or [] when it takes no body. */
function bodyExamples(op) {
  const media = op.requestBody?.content[0];
  if (!media) return [];
  const { examples } = media;
  // A lone `example` (the media type's or its schema's) is one call; named examples one call each.
  if (examples[0]?.name === "example") return [{ value: examples[0].value }];
  if (examples.length > 0) return examples.map((e) => ({ key: e.name, title: exampleTitle(e.summary), value: e.value }));
  if (op.requestBody.required) throw new Error(`${op.operationId}: the ${media.mediaType} request body has no example to show`);
  return [];
}

/** `text` as `//` comment lines indented by `indent`, wrapped at maxCommentLine. */
function comment(text, indent = "") {
  const lines = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= maxCommentLine - indent.length) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(`// ${word}`);
  }
  return lines.map((line) => `${indent}${line}`);
}

/** The top-level properties of the success response body of an operation. */
function responseProperties(op) {
  return Object.keys(op.success?.content[0]?.schema.properties ?? {});
}

// What a sample prints of the response `name`: the payload of Yeastar's envelope when there is
// one, and never a token: a token response shows its lifetime and says why the rest stays hidden.
function logLines(op, name) {
  const properties = responseProperties(op);
  const secrets = properties.filter((p) => secretFields.has(p));
  if (secrets.length === 0) return [`console.log(${properties.includes("data") ? `${name}.data` : name});`];
  const lines = comment(`Store ${secrets.join(" and ")}; never print ${secrets.length > 1 ? "them" : "it"}.`);
  const lifetime = properties.find((p) => /expire/i.test(p));
  if (lifetime) lines.push(`console.log(${name}.${lifetime});`);
  return lines;
}

// "users" -> "user", "user_list" -> "user", "subordinates" -> "subordinate": the loop variable of
// a paginate sample, in the API's own words.
function itemName(path) {
  const last = path.split("/").filter((s) => s && !s.startsWith("{")).at(-1) ?? "";
  const word = last.replace(/_list$/, "").replace(/s$/, "").replace(/_(\w)/g, (_, c) => c.toUpperCase());
  return /^[a-z][A-Za-z0-9]*$/.test(word) ? word : "item";
}

// The result of each call when one sample makes several (one per named body example), after the
// example's name when it makes a TypeScript name: clientCredentials -> clientCredentialsResult.
const resultName = (key, i) => (/^[a-z][A-Za-z0-9]*$/.test(key ?? "") ? `${key}Result` : `result${i + 1}`);

/** The TypeScript source of the sample for one operation. */
export function sampleSource(api, doc, method, path) {
  const op = modelOf(doc).find(method, path);
  if (!op) throw new Error(`the ${api} description has no operation ${method.toUpperCase()} ${path}`);
  const meta = clientMeta(doc).operations[method.toUpperCase()][path];
  const { factory, variable, envPrefix } = clientNames(api);
  const METHOD = method.toUpperCase();

  const lines = [`import { ${factory} } from ${JSON.stringify(sampleLabel)};`, ""];
  lines.push(
    ...comment(
      !meta.noAuth
        ? "The client gets and renews its access token itself."
        : "The client gets and renews its own tokens: call this only to manage tokens yourself.",
    ),
  );
  lines.push(`const ${variable} = ${factory}({`);
  lines.push(`  clientId: process.env.${envPrefix}_CLIENT_ID!,`);
  lines.push(`  clientSecret: process.env.${envPrefix}_CLIENT_SECRET!,`);
  for (const server of (doc.servers ?? []).slice(1)) {
    if (server.description) lines.push(...comment(server.description, "  "));
    lines.push(`  // baseUrl: ${JSON.stringify(server.url)},`);
  }
  lines.push("});", "");

  const params = callParams(op);
  const examples = bodyExamples(op);
  const calls = examples.length ? examples : [{}];
  calls.forEach(({ key, title, value: body }, i) => {
    const init = {};
    if (Object.keys(params).length) init.params = params;
    if (body !== undefined) init.body = withCredentialsFromEnv(body, envPrefix, op.operationId);
    const result = calls.length > 1 ? `{ data: ${resultName(key, i)} }` : "{ data }";
    if (meta.pageParam) lines.push(...comment("One page, as the API returns it."));
    else if (title) lines.push(...comment(`${title}.`));
    lines.push(renderCall(`const ${result} = await ${variable}.${METHOD}`, path, Object.keys(init).length ? init : undefined, ";"));
    lines.push(...logLines(op, calls.length > 1 ? resultName(key, i) : "data"), "");
  });

  if (meta.pageParam) {
    // paginate owns the page number; the rest of the example query carries over, with the
    // largest page the API allows (when the spec states one): the fewest requests. (Paged
    // operations have a pageSize: that is how the spec model recognises them.)
    const { [meta.pageParam]: _page, ...query } = params.query ?? {};
    const sizeRule = meta.query?.pageSize;
    if (sizeRule?.maximum !== undefined) query.pageSize = sizeRule.maximum;
    const item = itemName(path);
    const init = Object.keys({ ...params, query }).length ? { params: { ...params, query } } : undefined;
    if (init && Object.keys(query).length === 0) delete init.params.query;
    lines.push(...comment(`Every ${item}, page after page, fetched as you go.`));
    lines.push(renderCall(`for await (const ${item} of ${variable}.paginate`, path, init, ") {"));
    lines.push(`  console.log(${item});`, "}", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Every operation of a description with its sample: [{ operationId, method, path, source }]. */
export function codeSamples(api, doc) {
  return modelOf(doc).operations.map(({ operationId, method, path }) => {
    if (!operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId to name its sample after`);
    return { operationId, method, path, source: sampleSource(api, doc, method, path) };
  });
}

/** A copy of the description with each operation's TypeScript, curl and `yeastar` CLI samples added to its `x-codeSamples`. */
export function withCodeSamples(doc, samples, api) {
  const copy = structuredClone(doc);
  for (const { method, path, source } of samples) {
    const op = copy.paths[path][method];
    op["x-codeSamples"] = [
      ...(op["x-codeSamples"] ?? []),
      { lang: "TypeScript", label: sampleLabel, source },
      { lang: curlLang, label: curlLabel, source: curlSource(api, doc, method, path) },
      { lang: cliLang, label: cliLabel, source: cliSource(api, doc, method, path) },
    ];
  }
  return copy;
}

// --- Type-checking the samples against the real client --------------------------------------------

// What a reader's strict ESM project would use. Files must sit below packages/docs, whose
// node_modules links @yeastar-openapi/client (its built dist/*.d.ts).
const typeCheckOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  types: ["node"],
  typeRoots: [join(repoRoot, "node_modules", "@types")],
};

/**
 * Type-checks sample modules ([{ operationId, file }]) as one program. Returns one problem per
 * compiler error: { operationId, file, line, column, message }; [] when all compile.
 */
export function typeCheckSamples(samples) {
  const ts = createRequire(join(repoRoot, "package.json"))("typescript");
  const { options, errors } = ts.convertCompilerOptionsFromJson(typeCheckOptions, repoRoot);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, formatHost(ts)));
  const program = ts.createProgram(samples.map((s) => s.file), options);
  const byFile = new Map(samples.map((s) => [program.getSourceFile(s.file)?.fileName ?? s.file, s.operationId]));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      operationId: (d.file && byFile.get(d.file.fileName)) ?? "(no sample)",
      file: d.file?.fileName,
      line: position ? position.line + 1 : undefined,
      column: position ? position.character + 1 : undefined,
      message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    };
  });
}

const formatHost = (ts) => ({ getCanonicalFileName: (f) => f, getCurrentDirectory: () => repoRoot, getNewLine: () => "\n" });

/** Problems from typeCheckSamples as one readable message. */
export function describeProblems(problems) {
  return problems
    .map((p) => {
      const where = p.file ? ` (${relative(repoRoot, p.file)}${p.line ? `:${p.line}:${p.column}` : ""})` : "";
      return `code sample of ${p.operationId}${where} does not compile:\n    ${p.message.replace(/\n/g, "\n    ")}`;
    })
    .join("\n");
}

// --- Writing it all -------------------------------------------------------------------------------------

/**
 * Writes packages/docs/.build/<api>.openapi.json and the sample modules for every API, then
 * type-checks the samples. Returns { bundles: { [api]: file }, samples, problems }.
 */
export function generateCodeSamples({ outDir = buildDir } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  const bundles = {};
  const written = [];
  for (const api of apis) {
    const bundleFile = join(specDir, "dist", `${api}.openapi.json`);
    const doc = JSON.parse(readFileSync(bundleFile, "utf8"));
    const samples = codeSamples(api, doc);
    const sampleDir = join(outDir, "samples", api);
    mkdirSync(sampleDir, { recursive: true });
    for (const sample of samples) {
      const file = join(sampleDir, `${sample.operationId}.ts`);
      writeFileSync(file, sample.source);
      written.push({ api, ...sample, file });
    }
    bundles[api] = join(outDir, `${api}.openapi.json`);
    writeFileSync(bundles[api], `${JSON.stringify(withCodeSamples(doc, samples, api), null, 2)}\n`);
  }
  return { bundles, samples: written, problems: typeCheckSamples(written) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { samples, problems } = generateCodeSamples();
  if (problems.length) {
    console.error(describeProblems(problems));
    process.exit(1);
  }
  console.log(`code samples: ${samples.length} written to ${relative(repoRoot, buildDir)} and type-checked`);
}

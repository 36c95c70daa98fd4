// Generates the `yeastar` command-line sample of every operation, from the bundled description
// alone, beside the TypeScript and curl samples: the command the CLI derives from the operation's
// tag and operationId (named by @yeastar-openapi/cli itself, so the two cannot disagree), its path
// parameters as arguments with their `example`s, its query parameters as flags, and each request
// body example as --data. Credentials come from the environment or `yeastar login`, so a sample
// never shows a secret: body fields that carry credentials read environment variables, as in the
// curl samples. packages/docs/test/cli-samples.test.ts runs every sample with --dry-run.
import { commandLine, commandParameters, flagName } from "@yeastar-openapi/cli";
import { loadSpec } from "@yeastar-openapi/spec-model";

export const cliLabel = "yeastar CLI";
export const cliLang = "Shell";

// Body fields whose values come from the environment (the same list as the other samples).
const credentialFields = new Set(["client_id", "client_secret", "refresh_token", "access_token"]);

/** `text` quoted for a POSIX shell's single quotes: nothing inside expands. */
const sq = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;
/** An argument: bare when it is plainly safe, else single-quoted. */
const arg = (text) => (/^[\w@%+=:,./-]+$/.test(String(text)) ? String(text) : sq(text));
const scalar = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/** The request body examples as { title, value }, or [] when the operation takes none. */
function bodyExamples(op) {
  const media = op.requestBody?.json ?? op.requestBody?.form;
  if (!media) return [];
  const { examples } = media;
  if (examples[0]?.name === "example") return [{ value: examples[0].value }];
  if (examples.length > 0) return examples.map((e) => ({ title: e.summary?.replace(/\s*\([^)]*placeholder[^)]*\)\s*$/i, "").trim(), value: e.value }));
  return [];
}

/** The arguments of one call: path parameters in order, then query and header flags, from the examples. */
function parameterArgs(op) {
  const args = [];
  const params = commandParameters(op);
  for (const param of params.filter((p) => p.in === "path")) {
    if (param.example === undefined) throw new Error(`${op.operationId}: path parameter "${param.name}" has no example for the CLI sample`);
    args.push(arg(scalar(param.example)));
  }
  for (const param of params.filter((p) => p.in !== "path")) {
    if (param.example === undefined) continue;
    const value = param.example;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) args.push(`--${flagName(param.name)}`, arg(`${k}=${scalar(v)}`));
    } else {
      args.push(`--${flagName(param.name)}`, arg(Array.isArray(value) ? value.map(scalar).join(",") : scalar(value)));
    }
  }
  return args;
}

/** --data with the example as JSON; credential fields become environment variables. */
function dataArg(api, value) {
  const prefix = api.toUpperCase();
  const marker = (key) => `\u0000${prefix}_${key.toUpperCase()}\u0000`;
  const withEnv = (v) =>
    Array.isArray(v) ? v.map(withEnv) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, credentialFields.has(k) ? marker(k) : withEnv(x)])) : v;
  const json = sq(JSON.stringify(withEnv(value), null, 2).replaceAll("\n", "\n  ")).replace(/"\\u0000(\w+)\\u0000"/g, `"'"$$$1"'"`);
  return `--data ${json}`;
}

/** The CLI sample (a shell script) of one operation. */
export function cliSource(api, doc, method, path) {
  const op = loadSpec(doc).find(method, path);
  if (!op) throw new Error(`the ${api} description has no operation ${method.toUpperCase()} ${path}`);
  const prefix = api.toUpperCase();
  const lines = [`# ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET set, or \`yeastar login ${api}\`; add --mock to try it offline.`];
  const head = [commandLine(op), ...parameterArgs(op)].join(" ");
  const examples = bodyExamples(op);
  for (const { title, value } of examples.length ? examples : [{}]) {
    if (title) lines.push(`# ${title}.`);
    lines.push(value === undefined ? head : `${head} \\\n  ${dataArg(api, value)}`);
  }
  if (op.paging) {
    lines.push("", "# Every item, page after page, as CSV (a progress bar on a terminal).");
    const query = parameterArgs({ ...op, parameters: op.parameters.filter((p) => p.in === "path" || p.required) });
    lines.push(`${[commandLine(op), ...query].join(" ")} --all --output csv > ${op.operationId}.csv`);
  }
  return `${lines.join("\n")}\n`;
}

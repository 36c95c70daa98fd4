// Builds the API reference that packages/docs ships: one self-contained Redoc page per API
// (packages/docs/dist/<api>.html) and a small index.html linking them.
//
// Each page renders packages/docs/.build/<api>.openapi.json: the bundled description plus a
// TypeScript code sample per operation (`x-codeSamples`), generated and type-checked against
// @yeastar-openapi/client by scripts/code-samples.mjs. A sample that does not compile
// fails the build, naming its operation and the compiler's message.
//
// "Self-contained" is the point: a page must render from file:// with no network, and must make
// no request to anyone but the server it is read from. Three steps get there:
//   1. `redocly build-docs --inlineBundle` embeds Redoc's JavaScript (without the flag the page
//      loads it from Redocly's CDN and is blank offline).
//   2. `telemetry: off` in spec/redocly.yaml (and REDOCLY_TELEMETRY=off, set by spec/scripts/redocly.mjs)
//      reaches the page as Redoc's `disableTelemetry: true` option; the build fails if it did not.
//   3. Redoc 3 still names a few outside URLs that it loads at view time even when inlined. The
//      PATCHES below rewrite each one, and an audit then fails the build if anything that would
//      load from outside the page is left.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadSpec } from "@yeastar-openapi/spec-model";
import { parse } from "yaml";
import { describeProblems, docsDir, generateCodeSamples, sampleLabel } from "./code-samples.mjs";
import { cliLabel, cliLang } from "./cli-samples.mjs";
import { curlLabel, curlLang } from "./curl-samples.mjs";
import { apis, redocly, repoRoot, specDir } from "../../../spec/scripts/redocly.mjs";
import { FORBIDDEN_HOSTS } from "./forbidden-hosts.mjs";

const distDir = join(docsDir, "dist");

// A one-line "what is this API" for the index page. Title, version and operations are read from
// each description; this line says what the API is for in words a reader picks from.
const blurbs = {
  ycm: "The Yeastar Central Management (YCM) open API: OAuth client-credentials tokens (request, refresh, revoke) and queries of YCM users and subordinate users.",
  workplace: "The Yeastar Workplace open API: access and refresh tokens (global and EU hosts) and the account's Workplace user list.",
};

// --- Post-processing: every outside URL Redoc 3.0 loads at view time, and what becomes of it ----

const svgDataUri = (svg) => `data:image/svg+xml,${encodeURIComponent(svg)}`;
const wordmark = (width, text, size) =>
  svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="13" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" ` +
      `font-size="${size}" font-weight="700" fill="#2f6fed">${text}</text></svg>`,
  );
const logo = { full: wordmark(58, "Redocly", 14), mini: wordmark(11, "R", 14) };

const codeBlock = '[data-component-name="CodeBlock/CodeBlockContainer"]';
const SAMPLE_CSS = [
  `${codeBlock}, ${codeBlock} code, ${codeBlock} .line { white-space: pre-wrap !important; overflow-wrap: anywhere !important; }`,
  `${codeBlock} { overflow-x: hidden !important; padding-right: 2.75rem !important; }`,
].join(" ");

const PATCHES = [
  {
    name: "Redocly logo (cdn.redoc.ly)",
    why:
      'The "API docs by Redocly" footer of the sidebar renders <img src="https://cdn.redoc.ly/redoc/logo-mini-full.svg"> ' +
      "(logo-mini.svg when the sidebar is collapsed) after hydration: a request from every reader's browser, and a " +
      "broken image offline. Both URLs become inline SVG data: URIs of a plain text wordmark, so the attribution " +
      "and its link stay and nothing is fetched. (The server-rendered HTML has no <img>: the logo only appears " +
      "client-side, so hydration is unaffected.)",
    pattern: /`https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg`/g,
    replace: (_match, full) => `\`${full ? logo.full : logo.mini}\``,
  },
  {
    name: "Redocly icon CDN (cdn.redocly.com/icons)",
    why:
      "Redoc's icon component paints configured icons as a CSS mask of " +
      "url(https://cdn.redocly.com/icons/<pack>/<version>/<name>.svg). The two pack base URLs become the empty " +
      "data: URL, so such an icon can never reach the CDN; it renders blank, exactly as it would offline.",
    pattern: /`https:\/\/cdn\.redocly\.com\/icons\/[^`]*`/g,
    replace: "`data:,`",
  },
  {
    name: "Redocly telemetry collector (otel.cloud.redocly.com)",
    why:
      "Redoc's OpenTelemetry client posts page views and clicks to https://otel.cloud.redocly.com/v1/traces. " +
      "`telemetry: off` already disables it (checked below); emptying the default collector URL also makes the " +
      "client skip creating an exporter at all, so no code path that forgets the flag can send anything.",
    pattern: /`https:\/\/otel\.cloud\.redocly\.com\/[^`]*`/g,
    replace: "``",
  },
  {
    name: "implicit /favicon.ico request",
    why:
      "With no <link rel=icon>, a browser asks the server for /favicon.ico. An empty data: icon answers that " +
      "inside the page.",
    pattern: /<meta charset=[^>]*>/i,
    replace: (meta) => `${meta}\n  <link rel="icon" href="data:,">`,
  },
  {
    name: "code sample layout",
    why:
      "Redoc's sample panel cuts long lines at its edge (`ycm.POST(\"/dm/op...`, the rest reachable only by a " +
      "sideways scroll nobody sees) and paints its copy button over the end of the first line. The samples " +
      "wrap inside the panel instead (long words such as URLs may break anywhere), and the code keeps a strip " +
      "on the right where the copy button sits.",
    pattern: /<\/head>/i,
    replace: (head) => `  <style id="yeastar-sample-layout">${SAMPLE_CSS}</style>\n${head}`,
  },
];

/** Everything in `html` that would make the browser load something from outside the page. */
function externalLoads(html) {
  const outside = String.raw`(?:https?:)?//`;
  const checks = [
    ["element loading a URL", new RegExp(String.raw`<(?:script|img|iframe|frame|embed|source|audio|video|track|object|input|image|use)\b[^>]*?\s(?:src|srcset|data|poster|href|xlink:href)\s*=\s*["']?\s*${outside}`, "gi")],
    ["<link> to a URL", new RegExp(String.raw`<link\b[^>]*?\shref\s*=\s*["']?\s*${outside}`, "gi")],
    ["CSS url()", new RegExp(String.raw`url\(\s*["'\x60]?\s*${outside}`, "gi")],
    ["CSS @import", new RegExp(String.raw`@import\s+(?:url\()?\s*["']?\s*${outside}`, "gi")],
    ["forbidden host", new RegExp(FORBIDDEN_HOSTS.map((h) => h.replaceAll(".", "\\.")).join("|"), "gi")],
  ];
  const found = [];
  for (const [kind, re] of checks) {
    for (const m of html.matchAll(re)) {
      found.push(`${kind}: ${html.slice(Math.max(0, m.index - 40), m.index + m[0].length + 60).replace(/\s+/g, " ")}`);
    }
  }
  return found;
}

/** The JSON object assigned to `const <name> = ...;` in the page's hydration script. */
function pageConst(html, name) {
  const start = html.indexOf(`const ${name} = `);
  if (start < 0) return undefined;
  const from = start + `const ${name} = `.length;
  const end = html.indexOf(";\n", from); // JSON text never holds a raw newline
  return JSON.parse(html.slice(from, end));
}

// --- Build ---------------------------------------------------------------------------------------

function fail(api, message) {
  console.error(`\ndocs build failed for ${api}: ${message}`);
  process.exit(1);
}

// Redoc 3 shows an operation's `x-codeSamples` only in the languages its `codeSamples` option
// lists (by default curl, JavaScript, Python...: none is ours), so the option names our sample's
// label first, making it the tab a reader sees, then curl, then the `yeastar` CLI, then Payload (the request body example).
// `--openapi` replaces the `openapi:` section of spec/redocly.yaml, so that section is merged in.
function redocOptions() {
  const fromConfig = parse(readFileSync(join(specDir, "redocly.yaml"), "utf8"))?.openapi ?? {};
  return {
    ...fromConfig,
    codeSamples: { ...fromConfig.codeSamples, languages: [{ lang: "TypeScript", label: sampleLabel }, { lang: curlLang, label: curlLabel }, { lang: cliLang, label: cliLabel }, { lang: "Payload" }] },
  };
}

function buildReference(api, bundle) {
  const out = join(distDir, `${api}.html`);
  // A file path rather than the API's name in redocly.yaml, to render the copy with samples.
  // Root settings of spec/redocly.yaml (`telemetry: off`) still apply: Redocly runs in spec/ and
  // reads it from there, and the telemetry check below proves it.
  const args = ["build-docs", bundle, "--output", out, "--inlineBundle", "--openapi", JSON.stringify(redocOptions())];
  const { status } = redocly(args);
  if (status !== 0) fail(api, `\`redocly build-docs ${relative(repoRoot, bundle)}\` exited with ${status}; see the problems above.`);

  let html = readFileSync(out, "utf8");
  if (/<script\b[^>]*\ssrc=/i.test(html) || html.length < 500_000) {
    fail(api, "the page does not carry Redoc's inlined JavaScript (was --inlineBundle honoured?).");
  }
  const options = pageConst(html, "__redoc_options");
  if (options?.disableTelemetry !== true) {
    fail(api, "Redoc's telemetry is not disabled in the page: keep `telemetry: off` in spec/redocly.yaml " +
      "(spec/scripts/redocly.mjs also sets REDOCLY_TELEMETRY=off; either one switches it off).");
  }

  for (const patch of PATCHES) {
    let count = 0;
    html = html.replace(patch.pattern, (...args) => {
      count += 1;
      return typeof patch.replace === "function" ? patch.replace(...args) : patch.replace;
    });
    if (count === 0) {
      fail(api, `post-processing found nothing to patch for "${patch.name}". Redoc's bundle has changed: ` +
        "check what it loads now and update PATCHES in packages/docs/scripts/build.mjs.");
    }
  }

  const left = externalLoads(html);
  if (left.length > 0) {
    fail(api, `the page would still load from outside itself:\n  ${left.join("\n  ")}\n` +
      "Neutralise it in PATCHES (packages/docs/scripts/build.mjs).");
  }
  writeFileSync(out, html);
  return { api, definition: pageConst(html, "__redoc_definition"), bytes: Buffer.byteLength(html) };
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const countOperations = (definition) => loadSpec(definition).operations.length;

function indexPage(pages) {
  const items = pages
    .map(({ api, definition }) => {
      const { title, version } = definition.info;
      const ops = countOperations(definition);
      return `    <li>
      <a href="${api}.html">${escapeHtml(title)}</a>
      <p>${escapeHtml(blurbs[api] ?? title)}</p>
      <p class="meta">${ops} operation${ops === 1 ? "" : "s"} · description version ${escapeHtml(version)}</p>
    </li>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>yeastar-openapi API reference</title>
  <style>
    :root { color-scheme: light dark; }
    body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1.25rem; }
    h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
    ul { list-style: none; padding: 0; }
    li { border: 1px solid #8884; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
    li a { font-size: 1.15rem; font-weight: 600; }
    li p { margin: 0.35rem 0 0; }
    .meta, footer { font-size: 0.875rem; opacity: 0.75; }
  </style>
</head>
<body>
  <h1>yeastar-openapi API reference</h1>
  <p>Reference documentation generated from the OpenAPI descriptions in this repository. Every page works offline.</p>
  <ul>
${items}
  </ul>
  <footer>Built with Redoc from <code>spec/&lt;api&gt;/openapi.yaml</code>.</footer>
</body>
</html>
`;
}

const { bundles, samples, problems } = generateCodeSamples();
if (problems.length > 0) {
  console.error(`\ndocs build failed: ${problems.length} compiler error(s) in the generated code samples.\n${describeProblems(problems)}\n` +
    "Fix the spec's examples or packages/docs/scripts/code-samples.mjs; the samples must compile against @yeastar-openapi/client.");
  process.exit(1);
}
console.log(`docs: ${samples.length} TypeScript code samples generated and type-checked against @yeastar-openapi/client`);

rmSync(distDir, { recursive: true, force: true });
mkdirSync(distDir, { recursive: true });
const pages = apis.map((api) => buildReference(api, bundles[api]));
writeFileSync(join(distDir, "index.html"), indexPage(pages));
for (const { api, bytes } of pages) {
  console.log(`docs: ${relative(repoRoot, join(distDir, `${api}.html`))} (${(bytes / 1024).toFixed(0)} KiB, offline-clean)`);
}
console.log(`docs: ${relative(repoRoot, join(distDir, "index.html"))}`);

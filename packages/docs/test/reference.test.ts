import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: plain ESM script without type declarations
import { FORBIDDEN_HOSTS } from "../scripts/forbidden-hosts.mjs";
import {
  apis,
  distDir,
  hostsIn,
  moduleScript,
  type OpenApi,
  operations,
  pageConst,
  prerendered,
  readBundle,
  readPage,
  repoRoot,
} from "./pages.js";

// Hosts the page may *mention* without loading anything from them, and why. Anything else
// appearing in a page (a new CDN, an analytics host) fails the last test until it is looked at.
const inertHosts: Record<string, string> = {
  "www.w3.org": "XML/SVG namespace names",
  "redocly.com": "links: the 'API docs by Redocly' attribution and documentation links in Redocly's bundled lint types",
  "github.com": "links in library error messages and banners",
  "react.dev": "React error-message link",
  "reactrouter.com": "React Router error-message link",
  "yarnpkg.com": "link in a library warning",
  "commonmark.org": "link in the Markdown parser",
  "en.wikipedia.org": "link in a code comment",
  "example.com": "placeholder examples in Redocly's bundled type descriptions",
  localhost: "OpenTelemetry's default exporter URL (never built: the collector URL is emptied) and local-host checks",
  "chatgpt.com": "'Open in ChatGPT' menu item: a navigation on click, never loaded by the page",
  "claude.ai": "'Open in Claude' menu item: a navigation on click, never loaded by the page",
  "ycm.yeastar.com": "the default of YCM's `{ycm_domain}` server variable, in the curl samples' base URL: text, never loaded",
};

// Anything here would be a request to Redocly's CDNs, its telemetry, or a tracker (the build's own list).
const forbiddenHosts: string[] = FORBIDDEN_HOSTS;

/** Each match of `re` in `text` with a little context: short, readable failure messages. */
function snippets(text: string, re: RegExp): string[] {
  return [...text.matchAll(re)].map((m) => text.slice(Math.max(0, m.index - 50), m.index + m[0].length + 50));
}

describe("dist/", () => {
  it.each(["index.html", "ycm.html", "workplace.html"])("has %s", (name) => {
    expect(statSync(join(distDir, name)).isFile()).toBe(true);
  });
});

describe.each(apis)("%s.html", (api) => {
  const html = readPage(`${api}.html`);
  const { text: bundleText, spec } = readBundle(api);

  it("carries Redoc's JavaScript inline (no CDN script), so it renders from file://", () => {
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).not.toMatch(/<script\b[^>]*\ssrc\s*=/i);
    const script = moduleScript(html);
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain("hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'))");
    expect(script).toMatch(/export\s*\{[^}]*\bhydrate\b[^}]*\}/); // Redoc's own bundle defines hydrate
  });

  it("still has a module script that parses after post-processing", () => {
    const dir = mkdtempSync(join(tmpdir(), "docs-check-"));
    try {
      const file = join(dir, `${api}.mjs`);
      writeFileSync(file, moduleScript(html));
      const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("documents every operation of the bundled description, with its operationId and summary", () => {
    const definition = pageConst(html, "__redoc_definition") as OpenApi;
    const ops = operations(spec);
    expect(ops.length).toBeGreaterThan(0);
    expect(operations(definition)).toHaveLength(ops.length);
    for (const [method, path, op] of ops) {
      const shown = definition.paths[path]?.[method as keyof OpenApi["paths"][string]];
      expect(shown, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(shown?.operationId).toBe(op.operationId);
      expect(shown?.summary).toBe(op.summary);
      expect(html).toContain(JSON.stringify(op.summary));
      expect(html).toContain(`"operationId":${JSON.stringify(op.operationId)}`);
    }
  });

  it("is prerendered: title, overview and every tag are in the HTML before any script runs", () => {
    const markup = prerendered(html);
    expect(markup).toContain(`<title>${spec.info.title}</title>`);
    expect(markup).toContain('<div id="redoc">');
    const tags = spec.tags?.map((t) => t.name) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(markup).toContain(`>${tag}<`);
  });

  it("loads nothing from outside the page: no external script, stylesheet, image, font or CSS url()", () => {
    const outside = String.raw`(?:https?:)?//`;
    const loaders = [
      String.raw`<script\b[^>]*\ssrc\s*=\s*["']?\s*${outside}`,
      String.raw`<link\b[^>]*\shref\s*=\s*["']?\s*${outside}`,
      String.raw`<(?:img|iframe|source|video|audio|embed|object)\b[^>]*\s(?:src|srcset|data|poster)\s*=\s*["']?\s*${outside}`,
      String.raw`url\(\s*["'\x60]?\s*${outside}`,
      String.raw`@import\s+(?:url\()?\s*["']?\s*${outside}`,
    ];
    for (const re of loaders) expect(snippets(html, new RegExp(re, "gi")), re).toEqual([]);
    // The markup's only <link> is the empty data: favicon that stops the implicit /favicon.ico request.
    expect([...prerendered(html).matchAll(/<link\b[^>]*>/gi)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
  });

  it("has no reference to Redocly's CDNs, its telemetry collector or any analytics host", () => {
    const hosts = new RegExp(forbiddenHosts.map((h) => h.replaceAll(".", "\\.")).join("|"), "gi");
    expect(snippets(html, hosts)).toEqual([]);
  });

  it("has Redoc's telemetry switched off (spec/redocly.yaml `telemetry: off`)", () => {
    expect(pageConst(html, "__redoc_options")).toMatchObject({ disableTelemetry: true });
    expect(parse(readFileSync(join(repoRoot, "spec", "redocly.yaml"), "utf8"))).toMatchObject({ telemetry: "off" });
  });

  it("shows the Redocly attribution logo from an inline data: URI instead of cdn.redoc.ly", () => {
    const logo = html.match(/alt:`redocly logo`[^}]*?src:e\?`([^`]*)`:`([^`]*)`/);
    expect(logo, "Redoc's logo <img> element").not.toBeNull();
    for (const src of [logo![1]!, logo![2]!]) {
      expect(src).toMatch(/^data:image\/svg\+xml,/);
      expect(decodeURIComponent(src.slice("data:image/svg+xml,".length))).toMatch(/^<svg [^>]*>.*Redocly|^<svg [^>]*>.*>R</);
    }
  });

  it("mentions no host beyond the description's own and a known list of inert ones", () => {
    const specHosts = hostsIn(bundleText);
    const unknown = [...hostsIn(html)].filter((h) => !(h in inertHosts) && !specHosts.has(h));
    expect(unknown).toEqual([]);
  });
});

describe("index.html", () => {
  const html = readPage("index.html");

  it("is titled and links both references, each with its API's title", () => {
    expect(html).toContain("<title>yeastar-openapi API reference</title>");
    for (const api of apis) {
      const { spec } = readBundle(api);
      const link = html.match(new RegExp(`<a href="${api}\\.html">([^<]*)</a>`));
      expect(link, `link to ${api}.html`).not.toBeNull();
      expect(link![1]).toBe(spec.info.title.replaceAll("&", "&amp;"));
      expect(html).toContain(`${operations(spec).length} operations`);
    }
  });

  it("is self-contained: no script and no outside URL at all", () => {
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9]/i);
    expect(html).not.toMatch(/url\(/i);
  });
});

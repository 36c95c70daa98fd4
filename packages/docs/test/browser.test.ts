// The built reference in a real browser: Debian's Chromium, headless, driven by playwright-core,
// reading the pages from scripts/serve.mjs on 127.0.0.1 with every other host blocked.
// It proves what static checks cannot: that Redoc hydrates and renders every operation, that the
// TypeScript code samples are on screen, and that nothing is fetched from outside or fails.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocsServer, startDocsServer } from "./docs-server.js";
import { type Api, apis, operations, readBundle, webhookOperations } from "./pages.js";
import { clientMeta, findChromium } from "./scripts.js";

// CHROMIUM_PATH (or CHROME_PATH) picks the browser; otherwise the usual locations and PATH.
const browser = findChromium();
const screenshotDir = join(import.meta.dirname, "..", "test-results", "screenshots");

// Without these Chromium opens connections of its own (updates, sync, field trials...) that a
// closed network answers slowly or never; the profile directory is fresh for every run.
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const localHosts = new Set(["127.0.0.1", "localhost"]);
// Schemes that never leave the machine: the page's own data: icons and Redoc's blob: workers.
const localSchemes = new Set(["data:", "blob:", "about:"]);

const factory: Record<Api, string> = { ycm: "createYcmClient", workplace: "createWorkplaceClient" };

let server: DocsServer;
let context: BrowserContext;
let profileDir: string;
/** Every request the pages made to anything but the local server, whatever became of it, in order. */
const outbound: string[] = [];

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return localSchemes.has(protocol) || ((protocol === "http:" || protocol === "https:") && localHosts.has(hostname));
}

// A missing browser fails every test with this message (a failing beforeAll would only mark
// them skipped, and a skipped test proves nothing).
const missingChromium = browser.problem && `The docs' browser test needs Chromium. ${browser.problem}`;

beforeAll(async () => {
  if (missingChromium) return;
  server = await startDocsServer();
  profileDir = mkdtempSync(join(tmpdir(), "docs-chromium-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.path,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1440, height: 900 },
  });
  // Every request of every page passes here: local ones go on, anything else is recorded and
  // aborted, so a regression shows up as a failed assertion rather than a hang.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    outbound.push(url);
    return route.abort("blockedbyclient");
  });
  // Requests the router does not see (WebSockets, a service worker's own fetches) are caught here.
  context.on("request", (request: Request) => {
    if (!isLocal(request.url())) outbound.push(request.url());
  });
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  server?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions of the page so far. */
  errors: string[];
  /** Outside requests since the page was opened (pages are opened one at a time). */
  outbound(): string[];
}

async function open(name: string): Promise<OpenedPage> {
  if (missingChromium) throw new Error(missingChromium);
  const start = outbound.length;
  const page = await context.newPage();
  // Well under the test's own timeout, so a missing element fails with the locator named.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("websocket", (socket) => {
    if (!isLocal(socket.url())) outbound.push(socket.url());
  });
  const response = await page.goto(new URL(name, server.base).href, { waitUntil: "load" });
  expect(response?.status(), name).toBe(200);
  return { page, errors, outbound: () => [...new Set(outbound.slice(start))] };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("in Chromium", () => {
  it(`runs Chromium (${browser.path ?? "not found"})`, () => {
    if (missingChromium) throw new Error(missingChromium);
  });

  it("index.html links both references and renders with no error and no outside request", async () => {
    const { page, errors, outbound } = await open("index.html");
    for (const api of apis) {
      const { spec } = readBundle(api);
      const link = page.getByRole("link", { name: spec.info.title, exact: true });
      expect(await link.getAttribute("href")).toBe(`${api}.html`);
      expect(await link.isVisible()).toBe(true);
    }
    await page.screenshot({ path: join(screenshotDir, "index.png"), fullPage: true });
    await page.close();
    expect(outbound()).toEqual([]);
    expect(errors).toEqual([]);
  });

  describe.each(apis)("%s.html", (api) => {
    const { spec } = readBundle(api);
    const ops = operations(spec);
    const meta = clientMeta(spec).operations;
    const paged = new Set(ops.filter(([method, path]) => meta[method.toUpperCase()]?.[path]?.pageParam).map(([, , op]) => op.operationId));

    // Each visit takes a second or two (more on a busy machine): the time allowed grows with the
    // number of operations and webhooks, so a larger API does not fail on a fixed timeout.
    const timeout = 30_000 + 3_000 * (ops.length + webhookOperations(spec).length);
    it("renders every operation with its TypeScript code sample, with no error and no outside request", { timeout }, async () => {
      const { page, errors, outbound } = await open(`${api}.html`);
      await page.getByRole("heading", { level: 1, name: spec.info.title }).first().waitFor({ state: "visible" });
      await page.screenshot({ path: join(screenshotDir, `${api}.png`), fullPage: true });

      // The sidebar lists every tag; opening one lists its operations. Redoc keeps only the tag
      // being read open, so each tag is opened, then its operations are visited one by one.
      const sidebar = page.locator(".menu-content");
      const groups = sidebar.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group > a');
      const tags = [...new Set(ops.map(([, , op]) => op.tags![0]!))];
      expect(await groups.allInnerTexts()).toEqual(expect.arrayContaining(tags));
      let visited = 0;
      for (const tag of tags) {
        await groups.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(tag)}\\s*$`) }).click();
        for (const [method, path, op] of ops.filter(([, , o]) => o.tags![0] === tag)) {
          const summary = op.summary!;
          const entry = sidebar.getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}\\s+${method}$`, "i") });
          await entry.waitFor({ state: "visible" });
          await entry.click();

          // The operation's own section: its title, its path, and our sample in the request panel.
          // (by its text: its accessible name also holds its deep link's "link to ..." label)
          const heading = page.locator("h2").filter({ hasText: new RegExp(`^${escapeRegExp(summary)}$`) });
          await heading.waitFor({ state: "visible" });
          const section = page.locator("[data-section-id]").filter({ has: heading }).last();
          const panel = section.locator('[data-component-name="Panel/PanelBody"]').filter({ hasText: factory[api] }).first();
          await panel.waitFor({ state: "visible" });
          const code = await panel.innerText();
          expect(code, op.operationId).toContain(`import { ${factory[api]} } from "@yeastar-openapi/client";`);
          expect(code, op.operationId).toContain(`.${method.toUpperCase()}("${path}"`);
          if (paged.has(op.operationId!)) expect(code, op.operationId).toContain(`.paginate("${path}"`);
          expect(await section.getByText("@yeastar-openapi/client", { exact: true }).first().isVisible(), op.operationId).toBe(true);
          if (visited === ops.length - 1) {
            // The last operation's `yeastar` CLI sample, chosen from the sample menu as a reader would.
            await section.getByText("@yeastar-openapi/client", { exact: true }).first().click();
            // (the open menu: every section has one, hidden until its button is clicked)
            await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: /^yeastar CLI$/, visible: true }).first().click();
            const cli = section.locator('[data-component-name="Panel/PanelBody"]').filter({ hasText: `yeastar ${api} ` }).first();
            await cli.waitFor({ state: "visible" });
            expect(await cli.innerText(), op.operationId).toContain(`${api.toUpperCase()}_CLIENT_ID`);
            // Redoc remembers the reader's choice (also for the next page): back to the TypeScript sample.
            await section.getByText("yeastar CLI", { exact: true }).first().click();
            await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: /^@yeastar-openapi\/client$/, visible: true }).first().click();
            await panel.waitFor({ state: "visible" });
          }
          visited += 1;
        }
      }
      expect(visited).toBe(ops.length);
      // The last operation, its sample on screen: the picture a reader gets.
      await page.screenshot({ path: join(screenshotDir, `${api}-operation.png`) });

      // Webhook events (OpenAPI 3.1 `webhooks`) are requests the reader's server receives: each is
      // listed under its tag and renders with Redoc's "Webhook" badge and its payload, no sample.
      const hooks = webhookOperations(spec);
      for (const tag of new Set(hooks.map(([, , op]) => op.tags![0]!))) {
        await groups.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(tag)}\\s*$`) }).click();
        for (const [method, name, op] of hooks.filter(([, , o]) => o.tags![0] === tag)) {
          const summary = op.summary!;
          await sidebar.getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}\\s+${method}$`, "i") }).click();
          const heading = page.locator("h2").filter({ hasText: new RegExp(`^${escapeRegExp(summary)}\\s*Webhook$`) });
          await heading.waitFor({ state: "visible" });
          const section = page.locator("[data-section-id]").filter({ has: heading }).last();
          expect(await section.getByText(name, { exact: true }).first().isVisible(), name).toBe(true);
          visited += 1;
        }
      }
      expect(visited).toBe(ops.length + hooks.length);

      await page.close();
      expect(outbound()).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});

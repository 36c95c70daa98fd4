// The webhooks entry point is its own: the built package exports it for import and require, and the
// core entry neither imports it nor carries its code.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";

const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {
  exports: Record<string, unknown>;
};

const API = ["checkCallbackSecret", "createNodeWebhookHandler", "createWebhookHandler", "memoryDeliveryStore", "parseWorkplaceWebhook", "parseYcmWebhook", "verifyYcmWebhook", "YeastarWebhookError"];

test("package.json exports ./webhooks for import and require, with types", () => {
  expect(pkg.exports["./webhooks"]).toEqual({
    import: { types: "./dist/webhooks.d.ts", default: "./dist/webhooks.js" },
    require: { types: "./dist/webhooks.d.cts", default: "./dist/webhooks.cjs" },
  });
  for (const file of ["webhooks.js", "webhooks.cjs", "webhooks.d.ts", "webhooks.d.cts"]) expect(existsSync(dist(file)), `dist/${file}: run pnpm build`).toBe(true);
});

test("the built entry loads through import and require", async () => {
  const esm = (await import(/* @vite-ignore */ pathToFileURL(dist("webhooks.js")).href)) as Record<string, unknown>;
  const cjs = createRequire(import.meta.url)("@yeastar-openapi/client/webhooks") as Record<string, unknown>;
  for (const name of API) {
    expect(typeof esm[name], `import: ${name}`).toBe("function");
    expect(typeof cjs[name], `require: ${name}`).toBe("function");
  }
});

test("the core entry does not import the webhooks code", () => {
  for (const file of ["index.js", "index.cjs", "browser.js"]) {
    const code = readFileSync(dist(file), "utf8");
    expect(code.includes("webhooks"), `dist/${file} names webhooks`).toBe(false);
    expect(code.includes("timingSafeEqual"), `dist/${file} carries the webhook verification`).toBe(false);
  }
});

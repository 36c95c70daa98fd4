// Node's view: a CommonJS program (require) and an ES module (import) load the client through its
// exports and make one real call to the mock server on 127.0.0.1. Each runs in its own `node`
// process, so neither vitest's module loader nor this file's module format can stand in for it.
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { fixtures, repoRoot } from "./support/workspace.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ host: "127.0.0.1", port: 0 });
});
afterAll(() => mock?.close());

describe("the client at run time", () => {
  it.each([
    { format: "CommonJS (require)", program: "get-ycm-user.cjs", entry: "/packages/client/dist/index.cjs" },
    { format: "ESM (import)", program: "get-ycm-user.mjs", entry: "/packages/client/dist/index.js" },
  ])("loads as $format and gets a YCM user from the mock", async ({ program, entry }) => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const user = mock.dataset.collections.YcmUser![0]!;
    const result = await run(process.execPath, [join(fixtures, "runtime", program), mock.url, String(user.userId)]);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { loadedFrom: string; user: { userId: number; email?: string }; errorClass: string };
    expect(printed.loadedFrom.replaceAll("\\", "/").endsWith(entry)).toBe(true);
    expect(printed.user).toMatchObject({ userId: user.userId, email: user.email });
    expect(printed.errorClass).toBe("function");
  });
});

describe("the client's opt-in entry points at run time", () => {
  it.each([
    { format: "CommonJS (require)", program: "hooks-validate.cjs" },
    { format: "ESM (import)", program: "hooks-validate.mjs" },
  ])("/hooks and /validate load as $format, see a call, and share the core's error classes", async ({ program }) => {
    const user = mock.dataset.collections.YcmUser![0]!;
    const result = await run(process.execPath, [join(fixtures, "runtime", program), mock.url, String(user.userId)]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      events: ["request requestYcmToken", "response requestYcmToken", "request getYcmUser", "response getYcmUser"],
      warnings: [],
      sameErrorClass: true,
    });
  });
});

describe("the plug-ins of the other entry points at run time", () => {
  it.each([
    { format: "CommonJS (require)", program: "plugins.cjs" },
    { format: "ESM (import)", program: "plugins.mjs" },
  ])("/token-store, /rate-budget and /exact load as $format, join a call, and fail with the core's error classes", async ({ program }) => {
    const user = mock.dataset.collections.YcmUser![0]!;
    const result = await run(process.execPath, [join(fixtures, "runtime", program), mock.url, String(user.userId)]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      // The store is read, a token granted (the budget taken for the grant and for the call) and saved.
      asked: ["get", "take", "set", "take"],
      userId: user.userId,
      sameErrorClass: true,
      failure: "YCM: tokenStore.get() failed",
    });
  });
});

// The spec package exports JSON only (attw has nothing to check there): load both documents the way
// a dependent does, from a package that depends on it (the mock server), with require and with import.
describe("@yeastar-openapi/spec at run time", () => {
  const dependent = join(repoRoot, "packages", "mock-server");
  const documents = ["ycm.json", "workplace.json"];

  it.each(documents)("require('@yeastar-openapi/spec/%s') gives an OpenAPI 3.1 document", async (document) => {
    const script = `const d = require("@yeastar-openapi/spec/${document}"); console.log(JSON.stringify([d.openapi, Object.keys(d.paths).length]))`;
    const result = await run(process.execPath, ["-e", script], { cwd: dependent });
    expect(result.code, result.stderr).toBe(0);
    const [version, paths] = JSON.parse(result.stdout) as [string, number];
    expect(version).toMatch(/^3\.1\./);
    expect(paths).toBeGreaterThan(0);
  });

  it.each(documents)("import '@yeastar-openapi/spec/%s' with { type: 'json' } gives the same document", async (document) => {
    const script = `import d from "@yeastar-openapi/spec/${document}" with { type: "json" }; console.log(JSON.stringify([d.openapi, Object.keys(d.paths).length]))`;
    const result = await run(process.execPath, ["--input-type=module", "--no-warnings", "-e", script], { cwd: dependent });
    expect(result.code, result.stderr).toBe(0);
    const [version, paths] = JSON.parse(result.stdout) as [string, number];
    expect(version).toMatch(/^3\.1\./);
    expect(paths).toBeGreaterThan(0);
  });
});

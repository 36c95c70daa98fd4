// CONTRIBUTING.md's walk, end to end, in a copy of the whole repository: add the spec files of a
// paged read-only list of a new resource (its path file and its own item schema), register them
// in the root openapi.yaml, then `pnpm generate` and `pnpm build` exactly as the guide says.
// Then, with zero lines of code changed: the built client calls the new operation typed and
// `paginate` walks it, the docs show it with its TypeScript sample, and the mock serves it.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addFixtureEndpoint, LIST_FIXTURE } from "./fixture-endpoint.js";
import { changedFiles, copyRepo, removeCopy } from "./repo-copy.js";
import { typeErrors } from "./type-check.js";

const walk = {} as { root: string; generate: ReturnType<typeof spawnSync>; build: ReturnType<typeof spawnSync> };

/** Runs a root command of the copy as a contributor would (`pnpm generate`, `pnpm build`). */
function pnpm(script: string) {
  // The outer turbo's variables would make the copy's turbo think it is one of its tasks.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TURBO_")));
  return spawnSync("pnpm", [script, "--output-logs=errors-only"], { cwd: walk.root, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
}

beforeAll(() => {
  walk.root = copyRepo();
  addFixtureEndpoint(walk.root, { fixture: LIST_FIXTURE });
  walk.generate = pnpm("generate");
  walk.build = pnpm("build");
}, 900_000);
afterAll(() => removeCopy(walk.root));

const built = (...parts: string[]) => join(walk.root, ...parts);

test("`pnpm generate` and `pnpm build` succeed on the copy", () => {
  expect(walk.generate.status, String(walk.generate.stdout) + String(walk.generate.stderr)).toBe(0);
  expect(walk.build.status, String(walk.build.stdout) + String(walk.build.stderr)).toBe(0);
});

test("zero lines of code: only spec files and generated files changed", () => {
  const changed = changedFiles(walk.root);
  expect(changed).toEqual(expect.arrayContaining([`spec/ycm/${LIST_FIXTURE.pathFile}`, "spec/ycm/openapi.yaml"]));
  expect(changed.filter((file) => !file.startsWith("spec/ycm/") && !/^packages\/[\w-]+\/src\/generated\//.test(file))).toEqual([]);
  // And the generated files did change: the new operation and its models are in them.
  expect(readFileSync(built("packages", "types", "src", "generated", "models.ts"), "utf8")).toContain("YcmFixtureGateway,");
  expect(readFileSync(built("packages", "client", "src", "generated", "ycm.ts"), "utf8")).toContain(LIST_FIXTURE.path);
});

describe("the built client", () => {
  test("calls it typed: the response is a page of YcmFixtureGateway, and a wrong query does not compile", () => {
    const dir = built("tests", "contributing", "walk-check");
    mkdirSync(dir, { recursive: true });
    const header = [
      'import { createYcmClient, type YcmFixtureGateway } from "@yeastar-openapi/client";',
      'const ycm = createYcmClient({ accessToken: "token" });',
    ];
    const ok = join(dir, "ok.ts");
    writeFileSync(ok, [...header,
      `const { data } = await ycm.GET("${LIST_FIXTURE.path}", { params: { query: { pageSize: 2, pageNumber: 1 } } });`,
      "const first: YcmFixtureGateway | undefined = data.data.list[0];",
      "const total: number = data.data.total;",
      `for await (const gateway of ycm.paginate("${LIST_FIXTURE.path}", { params: { query: { pageSize: 2 } } })) {`,
      "  const name: string = gateway.name;",
      "  console.log(name, first, total);",
      "}",
      "export {};",
    ].join("\n"));
    const wrong = join(dir, "wrong.ts");
    writeFileSync(wrong, [...header, `await ycm.GET("${LIST_FIXTURE.path}", { params: { query: { pageSize: "2" } } });`, "export {};"].join("\n"));
    const errors = typeErrors([ok, wrong], built("packages", "client"));
    expect(errors.get(ok)).toEqual([]);
    expect(errors.get(wrong)).toContainEqual(expect.stringMatching(/^TS2322 line 3:/));
  });

  test("pages through it with paginate, checking the page size against the spec's limit", async () => {
    // A real server on 127.0.0.1 answering the new path with YCM's page shape, five gateways.
    const gateways = Array.from({ length: 5 }, (_, i) => ({ gatewayId: i + 1, name: `Gateway ${i + 1}` }));
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(`${req.headers.authorization} ${req.url}`);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const pageSize = Number(url.searchParams.get("pageSize"));
      const pageNumber = Number(url.searchParams.get("pageNumber") ?? 1);
      const list = url.pathname === LIST_FIXTURE.path ? gateways.slice((pageNumber - 1) * pageSize, pageNumber * pageSize) : [];
      res.writeHead(url.pathname === LIST_FIXTURE.path ? 200 : 404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ data: { pageSize, pageNumber, total: gateways.length, list }, requestId: "r", status: "Success", time: 1 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { createYcmClient } = await import(pathToFileURL(built("packages", "client", "dist", "index.js")).href);
      const ycm = createYcmClient({ accessToken: "token", baseUrl, maxRetries: 0 });
      const walked = await ycm.paginate(LIST_FIXTURE.path, { params: { query: { pageSize: 2 } } }).toArray();
      expect(walked).toEqual(gateways);
      expect(requests).toEqual([1, 2, 3].map((n) => `Bearer token ${LIST_FIXTURE.path}?pageSize=2&pageNumber=${n}`));
      // PageSize's maximum (50) reached the client's generated metadata with no code.
      await expect(ycm.GET(LIST_FIXTURE.path, { params: { query: { pageSize: 51 } } })).rejects.toThrow(/pageSize" must be at most 50/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

test("the docs show it, with its TypeScript sample that pages through it", () => {
  const page = readFileSync(built("packages", "docs", "dist", "ycm.html"), "utf8");
  const start = page.indexOf("const __redoc_definition = ") + "const __redoc_definition = ".length;
  const definition = JSON.parse(page.slice(start, page.indexOf(";\n", start)));
  const op = definition.paths[LIST_FIXTURE.path]?.get;
  expect(op?.operationId).toBe(LIST_FIXTURE.operationId);
  const [sample] = op["x-codeSamples"];
  expect(sample.lang).toBe("TypeScript");
  expect(sample.source).toContain(`await ycm.GET("${LIST_FIXTURE.path}"`);
  expect(sample.source).toContain(`ycm.paginate("${LIST_FIXTURE.path}"`);
  // The index page counts it too.
  const operations = Object.values<Record<string, { operationId?: string }>>(definition.paths).flatMap((item) => Object.values(item)).filter((o) => o?.operationId);
  const index = readFileSync(built("packages", "docs", "dist", "index.html"), "utf8");
  expect(index.slice(index.indexOf('href="ycm.html"'))).toMatch(new RegExp(`<p class="meta">${operations.length} operations`));
});

describe("the mock server, derived from the spec", () => {
  test("serves it paged and schema-valid, and refuses a call without a token", async () => {
    const { startMockServer } = await import(pathToFileURL(built("packages", "mock-server", "dist", "index.js")).href);
    const { createYcmClient } = await import(pathToFileURL(built("packages", "client", "dist", "index.js")).href);
    const mock = await startMockServer();
    try {
      const anonymous = await fetch(`${mock.url}${LIST_FIXTURE.path}?pageSize=2&pageNumber=1`, { headers: { "User-Agent": "walk-test" } });
      const refusal = await anonymous.json();
      expect(anonymous.status === 401 || refusal.status === "Failed").toBe(true);
      const { clientId, clientSecret } = mock.credentials.ycm;
      const ycm = createYcmClient({ clientId, clientSecret, baseUrl: mock.url });
      const first = await ycm.GET(LIST_FIXTURE.path, { params: { query: { pageSize: 2, pageNumber: 1 } } });
      expect(first.data.data.list.length).toBeLessThanOrEqual(2);
      const all = await ycm.paginate(LIST_FIXTURE.path, { params: { query: { pageSize: 2 } } }).toArray();
      expect(all.length).toBe(first.data.data.total);
      for (const gateway of all) expect(gateway).toMatchObject({ gatewayId: expect.any(Number), name: expect.any(String) });
      expect(mock.validationErrors).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

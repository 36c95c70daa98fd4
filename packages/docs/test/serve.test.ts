import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocsServer, startDocsServer } from "./docs-server.js";
import { distDir } from "./pages.js";

let server: DocsServer;
let base: URL;

beforeAll(async () => {
  server = await startDocsServer();
  base = server.base;
});

afterAll(() => server?.stop());

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serve-docs", () => {
  it("listens on 127.0.0.1 on the port the system picked for PORT=0", () => {
    expect(base.hostname).toBe("127.0.0.1");
    expect(Number(base.port)).toBeGreaterThan(0);
  });

  it("serves index.html at / and each reference as HTML, byte for byte", async () => {
    const index = await get("/");
    expect(index.status).toBe(200);
    expect(index.type).toMatch(/^text\/html/);
    expect(index.body).toBe(readFileSync(join(distDir, "index.html"), "utf8"));

    const ycm = await get("/ycm.html");
    expect(ycm.status).toBe(200);
    expect(ycm.body).toBe(readFileSync(join(distDir, "ycm.html"), "utf8"));
  });

  it("answers 404 for missing files and for paths that climb out of dist/", async () => {
    expect((await get("/nope.html")).status).toBe(404);
    expect((await get("/../package.json")).status).toBe(404);
    expect((await get("/..%2f..%2f..%2fpackage.json")).status).toBe(404);
    expect((await get("/%2e%2e/%2e%2e/%2e%2e/package.json")).status).toBe(404);
  });

  it("refuses methods other than GET and HEAD", async () => {
    expect((await get("/", "POST")).status).toBe(405);
    expect((await get("/", "HEAD")).status).toBe(200);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
    server.process.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

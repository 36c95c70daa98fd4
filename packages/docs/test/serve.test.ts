import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir, repoRoot } from "./pages.js";

let server: ChildProcess;
let base: URL;
let output = "";

beforeAll(async () => {
  server = spawn(process.execPath, [join(repoRoot, "scripts", "serve-docs.mjs")], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve-docs printed no URL:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (url) {
        clearTimeout(timer);
        resolve(new URL(url[0]));
      }
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", onData);
    server.once("exit", (code) => reject(new Error(`serve-docs exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  if (server.exitCode === null) server.kill("SIGKILL");
});

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
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

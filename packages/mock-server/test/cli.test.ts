import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_DEFAULT_PORT, formatBanner, parseCliArgs } from "../src/cli-args.js";
import { start } from "./helpers.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

describe("CLI arguments", () => {
  it("defaults to port 4010", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: CLI_DEFAULT_PORT } });
    expect(CLI_DEFAULT_PORT).toBe(4010);
  });

  it("maps every flag to an option", () => {
    const cmd = parseCliArgs([
      "--port", "0", "--host", "0.0.0.0", "--seed", "5", "--ycm-users", "10", "--ycm-subordinates", "4",
      "--workplace-users", "7", "--latency", "25", "--token-ttl", "1500", "--no-validate",
    ]);
    expect(cmd).toEqual({
      help: false,
      options: {
        port: 0, host: "0.0.0.0", seed: 5, ycmUsers: 10, ycmSubordinates: 4, workplaceUsers: 7, latencyMs: 25,
        accessTokenTtlMs: 1500, validate: false,
      },
    });
  });

  it("refuses unknown flags and non-numbers", () => {
    expect(() => parseCliArgs(["--prot", "1"])).toThrow(/prot/);
    expect(() => parseCliArgs(["--port", "abc"])).toThrow(/--port must be a non-negative integer/);
    expect(parseCliArgs(["--help"])).toEqual({ help: true });
    // pnpm passes a leading "--" through to the script.
    expect(parseCliArgs(["--", "--port", "0"])).toEqual({ help: false, options: { port: 0 } });
  });

  it("prints the URL and the demo credentials", async () => {
    const server = await start();
    const banner = formatBanner(server);
    expect(banner).toContain(server.url);
    expect(banner).toContain("client_id=mock-ycm-client client_secret=mock-ycm-secret");
    expect(banner).toContain("client_id=mock-workplace-client");
  });
});

describe("CLI process (dist/cli.js)", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`starts, serves, and stops cleanly on ${signal}`, async () => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` before \`pnpm test\``);
      const child = spawn(process.execPath, [CLI, "--port", "0", "--ycm-users", "3"], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no banner; stdout=${out} stderr=${err}`)), 50_000);
          child.stdout.on("data", () => {
            const m = /listening on (http:\/\/\S+)/.exec(out);
            if (m?.[1]) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          });
        });
        expect(out).toContain("client_secret=mock-ycm-secret");
        const res = await fetch(`${url}/dm/open_api/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=client_credentials&client_id=mock-ycm-client&client_secret=mock-ycm-secret",
        });
        expect(res.status).toBe(200);
        child.kill(signal);
        expect(await exited).toBe(0);
        expect(out).toContain(`Received ${signal}`);
        expect(err).toBe("");
      } finally {
        child.kill("SIGKILL");
      }
    });
  }
});

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatBanner, parseCliArgs } from "../src/cli-args.js";
import { createDataset } from "../src/index.js";
import { start } from "./helpers.js";
import { signatureValid, startReceiver } from "./receiver.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SECRET_1 = "S3cr3tNumberOne-0123456789abcdef";
const SECRET_2 = "S3cr3tNumberTwo-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "mock-webhook-cli-"));
const secretFile = join(dir, "secrets.txt");
writeFileSync(secretFile, `${SECRET_1}\r\n\n  ${SECRET_2}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI webhook flags", () => {
  it("maps the webhook flags to options, the secrets read from the file in order", () => {
    const cmd = parseCliArgs([
      "--ycm-webhook", "http://127.0.0.1:9/a", "--ycm-webhook", "http://127.0.0.1:9/b", "--ycm-webhook-secret-file", secretFile,
      "--workplace-callback", "http://127.0.0.1:9/wp", "--webhook-timeout", "1500", "--webhook-retry-delays", "5,10,15", "--webhook-test",
    ]);
    expect(cmd).toEqual({
      help: false,
      sendWebhookTest: true,
      options: {
        port: 4010,
        ycmWebhooks: [
          { url: "http://127.0.0.1:9/a", secret: SECRET_1 },
          { url: "http://127.0.0.1:9/b", secret: SECRET_2 },
        ],
        workplaceCallbackUri: "http://127.0.0.1:9/wp",
        webhookTimeoutMs: 1500,
        webhookRetryDelaysMs: [5, 10, 15],
      },
    });
  });

  it("refuses a webhook without a secret file, a file with the wrong number of secrets, and --webhook-test without a callback", () => {
    expect(() => parseCliArgs(["--ycm-webhook", "http://127.0.0.1:9/a"])).toThrow(/--ycm-webhook needs --ycm-webhook-secret-file/);
    expect(() => parseCliArgs(["--ycm-webhook", "http://127.0.0.1:9/a", "--ycm-webhook-secret-file", secretFile])).toThrow(
      "--ycm-webhook-secret-file has 2 secret line(s) for 1 --ycm-webhook",
    );
    expect(() => parseCliArgs(["--ycm-webhook", "http://x/", "--ycm-webhook-secret-file", join(dir, "missing")])).toThrow("--ycm-webhook-secret-file cannot be read: ENOENT");
    expect(() => parseCliArgs(["--webhook-test"])).toThrow(/--webhook-test needs --workplace-callback/);
    expect(() => parseCliArgs(["--webhook-retry-delays", "1,x"])).toThrow(/--webhook-retry-delays must be milliseconds/);
  });

  it("the banner names the webhooks, never their secrets nor the callback's query string", async () => {
    const server = await start({
      ycmWebhooks: [{ url: "http://127.0.0.1:9/a?k=v", secret: SECRET_1 }],
      workplaceCallbackUri: "http://127.0.0.1:9/wp?token=callback-secret",
    });
    const banner = formatBanner(server);
    expect(banner).toContain("YCM webhook 1: http://127.0.0.1:9/a (signed with line 1 of the secret file)");
    expect(banner).toContain("Workplace callback: http://127.0.0.1:9/wp");
    expect(banner).not.toContain(SECRET_1);
    expect(banner).not.toContain("callback-secret");
  });
});

describe("CLI process with webhooks (dist/cli.js)", () => {
  it("pushes signed YCM events and sends WEBHOOK_TEST, printing no secret", async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` before \`pnpm test\``);
    const ycm = await startReceiver();
    const wp = await startReceiver();
    writeFileSync(join(dir, "one.txt"), `${SECRET_1}\n`);
    const child = spawn(
      process.execPath,
      [CLI, "--port", "0", "--ycm-webhook", `${ycm.url}/y`, "--ycm-webhook-secret-file", join(dir, "one.txt"), "--workplace-callback", `${wp.url}/w?t=cb-secret`, "--webhook-test"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no WEBHOOK_TEST line; stdout=${out} stderr=${err}`)), 50_000);
        child.stdout.on("data", () => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1] && out.includes("WEBHOOK_TEST ->")) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      expect(out).toContain(`WEBHOOK_TEST -> ${wp.url}/w: HTTP 200`);
      const [test] = await wp.waitFor(1);
      expect(test!.json.eventType).toBe("WEBHOOK_TEST");

      const token = await fetch(`${url}/dm/open_api/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "OpenAPI" },
        body: "grant_type=client_credentials&client_id=mock-ycm-client&client_secret=mock-ycm-secret",
      }).then((r) => r.json() as Promise<{ access_token: string }>);
      // The CLI serves the default data set: its first Cloud PBX.
      const pbx = createDataset().collections.YcmCloudPbx![0]!.cloudPbxId;
      const resized = await fetch(`${url}/dm/open_api/v1/cloud_pbx/instances/${pbx}/capacity`, {
        method: "PUT",
        headers: { "content-type": "application/json", "user-agent": "OpenAPI", authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({ extensionCapacity: 5, concurrentCallCapacity: 1, recordingStatus: "Enabled", recordingCapacity: 50 }),
      });
      expect(resized.status).toBe(200);
      const [push] = await ycm.waitFor(1);
      expect(push!.path).toBe("/y");
      expect(signatureValid(push!.raw, push!.headers["x-signature"], SECRET_1)).toBe(true);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      for (const secret of [SECRET_1, "cb-secret"]) expect(out + err).not.toContain(secret);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

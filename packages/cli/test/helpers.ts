// Runs the BUILT `yeastar` binary (bin/yeastar.mjs -> dist/bin.js) as a child process, and keeps
// everything every run printed, so one test can search the whole run's output for secrets.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("..", import.meta.url));
export const bin = join(packageDir, "bin", "yeastar.mjs");

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every byte any run printed (stdout and stderr), for the secrets test. */
export const transcript: string[] = [];

/** A HOME with its own config and cache folders, so no run reads the developer's profiles. */
export function freshHome(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "yeastar-cli-home-"));
  return { HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") };
}

/** The environment of a run: PATH and the given variables only (no credentials of the developer's). */
export function baseEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

export function yeastar(args: string[], options: { env: Record<string, string>; input?: string; timeoutMs?: number }): Promise<Result> {
  return runProcess(process.execPath, [bin, ...args], options);
}

/** Runs a command and collects its output into the transcript; killed after timeoutMs. */
export function runProcess(file: string, args: string[], options: { env: Record<string, string>; input?: string; timeoutMs?: number }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      transcript.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

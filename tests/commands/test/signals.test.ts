// The long-running root commands a user types, `npm run mock` and `npm run docs`, stop cleanly on
// a signal: Ctrl+C (SIGINT to the whole foreground process group, as a terminal sends it) and
// SIGTERM to npm alone (as a process manager or `kill` sends it). Each time the server stops
// listening, no process of the command is left behind, npm exits with 0 and nothing is reported
// as an error. The build step is skipped (YEASTAR_NO_BUILD=1): the packages are built before tests.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(fileURLToPath(new URL("../../../", import.meta.url)));

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `npm run <script>` as its own process group and waits for the server's address. */
function start(script: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn("npm", ["run", script, "--", ...args], {
    cwd: repoRoot,
    detached: true, // its own process group, like a command typed in a terminal
    env: { ...process.env, ...env, YEASTAR_NO_BUILD: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("close", (code, signal) => done({ code, signal })));
  return new Promise((resolveStarted, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = ready.exec(output);
      if (match) resolveStarted({ child, url: match[1]!, output: () => output, exited });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code }) => reject(new Error(`npm run ${script} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Whether any process of the group is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const commands: { script: string; args: string[]; env: Record<string, string>; ready: RegExp }[] = [
  { script: "mock", args: ["--port", "0"], env: {}, ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/ },
  { script: "docs", args: [], env: { PORT: "0" }, ready: /API reference at (http:\/\/127\.0\.0\.1:\d+)\// },
];
const deliveries = [
  { how: "Ctrl+C (SIGINT to the process group)", send: (child: ChildProcess) => process.kill(-child.pid!, "SIGINT") },
  { how: "SIGTERM to npm", send: (child: ChildProcess) => process.kill(child.pid!, "SIGTERM") },
];

describe.each(commands)("npm run $script", ({ script, args, env, ready }) => {
  it.each(deliveries)("stops on $how: exit 0, port closed, nothing left, no error", async ({ send }) => {
    const started = await start(script, args, env, ready);
    try {
      expect((await fetch(started.url)).status).toBeLessThan(500);
      send(started.child);
      const { code, signal } = await started.exited;
      expect({ code, signal }, started.output()).toEqual({ code: 0, signal: null });
      await expect(fetch(started.url)).rejects.toThrow();
      // The group may take a moment to empty after npm itself has exited.
      for (let i = 0; i < 50 && groupAlive(started.child.pid!); i++) await new Promise((r) => setTimeout(r, 100));
      expect(groupAlive(started.child.pid!)).toBe(false);
      expect(started.output()).not.toMatch(/ERR_PNPM|npm error|ELIFECYCLE|Error:/);
    } finally {
      if (groupAlive(started.child.pid!)) process.kill(-started.child.pid!, "SIGKILL");
    }
  });
});

// Runs scripts/serve.mjs, the server `pnpm run docs` starts, on a free port (PORT=0) and
// resolves with the URL it prints, so tests read the pages exactly as a reader's browser does.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export interface DocsServer {
  process: ChildProcess;
  base: URL;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops the server if it is still running. */
  stop(): void;
}

export function startDocsServer(): Promise<DocsServer> {
  const child = spawn(process.execPath, [join(import.meta.dirname, "..", "scripts", "serve.mjs")], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return new Promise<DocsServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`serve-docs printed no URL:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (url) {
        clearTimeout(timer);
        resolve({ process: child, base: new URL(url[0]), output: () => output, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-docs exited with ${code}:\n${output}`));
    });
  });
}

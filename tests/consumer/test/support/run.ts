// Runs a command in a child process without blocking this one (a mock server in this process
// must keep answering while the child calls it).
import { execFile } from "node:child_process";

export interface RunResult {
  /** The exit code; -1 when the command could not be started at all. */
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      const code = typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr: code === -1 ? `${stderr}${error.message}` : stderr });
    });
  });
}

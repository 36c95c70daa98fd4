// Runs an example as a user would (`node <example> <args>`) and collects what it printed. The
// child never inherits YCM_* / WORKPLACE_* variables from the shell running the tests: a test
// that wants real-account mode passes them itself.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createDataset, type Dataset } from "@yeastar-openapi/mock-server";
import { MOCK_COLLECTIONS } from "../lib/connect.mjs";

export const examplesDir = join(import.meta.dirname, "..");

/** The data the examples' own mock serves (the same sizes and seed as lib/connect.mjs). */
export function exampleDataset(sizes: Record<string, number> = {}): Dataset {
  return createDataset({ sizes: { ...MOCK_COLLECTIONS, ...sizes } });
}

export interface ExampleRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function runExample(example: string, args: string[] = [], env: Record<string, string> = {}): Promise<ExampleRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(YCM|WORKPLACE)_/.test(name)));
  // Async, never spawnSync: some tests serve the child from a mock server in this process.
  const child = spawn(process.execPath, [join(examplesDir, example), ...args], {
    cwd: examplesDir,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
  return { status, stdout, stderr };
}

/** The first column of each row of a table an example printed (header skipped). */
export function firstColumn(table: string): number[] {
  return table
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => Number(line.split(/\s{2,}/)[0]));
}

// Runs the Redocly CLI from the spec folder with telemetry off, so every script (lint, bundle,
// the docs build in packages/docs) reads the one spec/redocly.yaml and nothing phones home.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The spec package's folder (spec/): redocly.yaml, ycm/, workplace/, dist/. */
export const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(specDir, "..");
const require = createRequire(join(specDir, "package.json"));
const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

/** The APIs that redocly.yaml lists, in build order. */
export const apis = ["ycm", "workplace"];

/**
 * Runs `redocly <args>` (from spec/ unless `cwd` is given: a test may lint a copy of the
 * spec folder) and returns its exit status and output. Output is captured so that
 * callers can fail with one clear message instead of a wall of CLI noise.
 */
export function redocly(args, { quiet = false, cwd = specDir } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  });
  const output = stripNoise(`${result.stdout ?? ""}${result.stderr ?? ""}`);
  if (!quiet && output.trim()) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  return { status: result.status ?? 1, output };
}

// Redocly CLI 2 prints a boxed Node 20 deprecation banner on every run; it says nothing about our spec.
function stripNoise(text) {
  return text
    .split("\n")
    .filter((line) => !/[╔║╚═]/.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

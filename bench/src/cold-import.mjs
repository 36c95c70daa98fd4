// Part: cold import. What it costs a Node process to load our client, against bare openapi-fetch:
// each sample is a fresh `node` process that times one dynamic `import()` of the package (from the
// bench package, so both resolve through pnpm's node_modules like an app's would), and a second
// figure adds what a first call needs before it can be made: creating a YCM client. The two modules
// alternate in a random order per round, so machine noise hits both alike. Only the import is timed
// inside each process; Node's own start-up is the same for both and is left out.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, p99 } from "./stats.mjs";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));

export const COLD_IMPORT_TARGET = 2;
export const COLD_IMPORT_DEFAULTS = { samples: 40 };

/** What each process runs: `[name, script]`, the script printing the milliseconds it took. */
const SUBJECTS = [
  ["openapi-fetch", `const t = performance.now(); const m = await import("openapi-fetch"); m.default({ baseUrl: "http://127.0.0.1:1" }); console.log(performance.now() - t);`],
  ["our client", `const t = performance.now(); const m = await import("@yeastar-openapi/client"); m.createYcmClient({ baseUrl: "http://127.0.0.1:1", accessToken: "t" }); console.log(performance.now() - t);`],
];

export async function runColdImport({ samples = COLD_IMPORT_DEFAULTS.samples, log = console.log } = {}) {
  const times = new Map(SUBJECTS.map(([name]) => [name, []]));
  log(`  cold import: ${samples} fresh processes per module, alternating`);
  // One unmeasured round: the first process after a build pays for cold disk caches.
  for (const [, script] of SUBJECTS) await sample(script);
  for (let i = 0; i < samples; i++) {
    const order = Math.random() < 0.5 ? SUBJECTS : [...SUBJECTS].reverse();
    for (const [name, script] of order) times.get(name).push(await sample(script));
  }
  const results = SUBJECTS.map(([name]) => ({ name, median: median(times.get(name)), p99: p99(times.get(name)), runs: times.get(name) }));
  return { samples, target: COLD_IMPORT_TARGET, results };
}

async function sample(script) {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: here });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`cold import: the process printed no time (${stdout.trim().slice(0, 80)})`);
  return ms;
}

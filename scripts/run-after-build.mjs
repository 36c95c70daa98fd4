// `npm run mock`, `npm run docs`, `npm run demo`: builds what the command needs, quietly, then runs
// it in the foreground so that its own output is what the user reads, last and plain.
//
//   node scripts/run-after-build.mjs <turbo filter> <script> [args...]
//
// The build prints one line (its output only if it fails); a signal to this process (Ctrl+C,
// `kill`, a closed terminal) goes on to the command, and stopping it that way exits with 0.
// YEASTAR_NO_BUILD=1 skips the build (when you know it is built, and in the tests of this script).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

const [filter, script, ...args] = process.argv.slice(2);
if (!filter || !script) {
  console.error("usage: node scripts/run-after-build.mjs <turbo filter> <script> [args...]");
  process.exit(2);
}

// A signal goes on to whatever runs now (the build, then the command); stopping that way is a
// normal end. Ctrl+C reaches the command from the terminal too; it stops on the first either way.
let current;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = true;
    current?.kill(signal);
  });
}

/** Runs a command to the end with its output collected; resolves to `{ status, output }`. */
function collect(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? 1, output }));
  });
}

async function buildFirst() {
  const started = Date.now();
  // npm names the script it runs; the filter is the fallback for a direct call.
  process.stdout.write(`Building what ${process.env.npm_lifecycle_event ? `\`npm run ${process.env.npm_lifecycle_event}\`` : filter} needs... `);
  const build = await collect(join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "build", `--filter=${filter}`, "--output-logs=errors-only", "--no-color"]);
  if (stopping) {
    console.log("stopped.");
    process.exit(0);
  }
  if (build.status !== 0) {
    process.stdout.write("failed:\n\n");
    process.stdout.write(build.output);
    process.exit(build.status);
  }
  const count = (label) => build.output.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? "?";
  console.log(`done (${count("Tasks")} tasks, ${count("Cached")} from cache, ${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
}

if (process.env.YEASTAR_NO_BUILD !== "1") await buildFirst();

const child = spawn(process.execPath, [join(repoRoot, script), ...args], { cwd: repoRoot, stdio: "inherit" });
current = child;
child.on("close", (code, signal) => process.exit(code ?? (stopping || signal === null ? 0 : 1)));

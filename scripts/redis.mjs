// Where redis-server is, for the fleet tests (tests/fleet start their own on 127.0.0.1). One answer
// for the tests, for `npm run setup` (which checks, and installs Debian's package where it can)
// and for CI.
//
//   node scripts/redis.mjs            prints the path, or says what to do (exit 1)
//   node scripts/redis.mjs --ensure   the same, but first installs Debian's redis-server when
//                                     running as root on a Debian-like system without one;
//                                     never fails the setup (exit 0 with a note instead)
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The variable that names the server, when it is somewhere else. */
export const SERVER_VARIABLE = "REDIS_SERVER_PATH";

const KNOWN_PATHS = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"];

const runnable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export const HOW_TO_GET_ONE =
  "Install Redis (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y redis-server`) " +
  `or point ${SERVER_VARIABLE} at a redis-server executable.`;

/** The server to run: `{ path }`, or `{ problem }` in words a user can act on. */
export function findRedisServer(env = process.env, knownPaths = KNOWN_PATHS) {
  const value = env[SERVER_VARIABLE];
  if (value !== undefined && value !== "") {
    if (runnable(value)) return { path: value, from: SERVER_VARIABLE };
    return { problem: `${SERVER_VARIABLE} is set to "${value}", which is not an executable file. Fix it or unset it.` };
  }
  for (const file of knownPaths) if (runnable(file)) return { path: file, from: "a common location" };
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    if (runnable(join(dir, "redis-server"))) return { path: join(dir, "redis-server"), from: "PATH" };
  }
  return { problem: `No redis-server found (looked at ${SERVER_VARIABLE}, ${KNOWN_PATHS[0]} and other common locations, and PATH). ${HOW_TO_GET_ONE}` };
}

/** Installs Debian's redis-server when this is root on a system with apt-get; returns whether it tried. */
function installWithApt() {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.platform !== "linux" || !root || spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return false;
  console.log("redis-server: not found; installing Debian's redis-server package for the fleet tests (apt-get)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]]) {
    // apt's own chatter is shown only if the step fails.
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "pipe"], env, encoding: "utf8" });
    if (result.status !== 0) {
      console.log(`redis-server: \`apt-get ${args.join(" ")}\` failed (exit ${result.status}):\n${result.stderr}`);
      return true;
    }
  }
  // The package starts a system service where an init system runs; the tests start their own
  // server on a free port and need none.
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ensure = process.argv.includes("--ensure");
  let found = findRedisServer();
  if (ensure && found.problem && !process.env[SERVER_VARIABLE] && installWithApt()) found = findRedisServer();
  if (found.path) {
    console.log(`redis-server: ${found.path} (from ${found.from}), for the fleet tests`);
  } else {
    console.log(`redis-server: ${found.problem}\n  \`npm test\` needs it for the fleet tests (tests/fleet); everything else works without it.`);
    if (!ensure) process.exitCode = 1;
  }
}

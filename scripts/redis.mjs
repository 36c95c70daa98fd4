// Where redis-server is, for the fleet tests (tests/fleet start their own on 127.0.0.1). One answer
// for the tests, for `npm run setup` (which checks, and installs Debian's package where it can)
// and for CI.
//
//   node scripts/redis.mjs            prints the path, or says what to do (exit 1)
//   node scripts/redis.mjs --ensure   the same, but first installs Debian's redis-server when
//                                     running as root on a Debian-like system without one;
//                                     never fails the setup (exit 0 with a note instead)
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installWithApt, runnable } from "./debian-package.mjs";

/** The variable that names the server, when it is somewhere else. */
export const SERVER_VARIABLE = "REDIS_SERVER_PATH";

const KNOWN_PATHS = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"];

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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ensure = process.argv.includes("--ensure");
  let found = findRedisServer();
  if (ensure && found.problem && !process.env[SERVER_VARIABLE] && installWithApt("redis-server", { purpose: "the fleet tests", extra: ["--no-install-recommends"] })) found = findRedisServer();
  if (found.path) {
    console.log(`redis-server: ${found.path} (from ${found.from}), for the fleet tests`);
  } else {
    console.log(`redis-server: ${found.problem}\n  \`npm test\` needs it for the fleet tests (tests/fleet); everything else works without it.`);
    if (!ensure) process.exitCode = 1;
  }
}

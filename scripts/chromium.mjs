// Where the Chromium for the docs' browser test is. One answer for the test, for `npm run setup`
// (which checks, and installs Debian's package where it can) and for CI.
//
//   node scripts/chromium.mjs            prints the path, or says what to do (exit 1)
//   node scripts/chromium.mjs --ensure   the same, but first installs Debian's chromium when
//                                        running as root on a Debian-like system without one;
//                                        never fails the setup (exit 0 with a note instead)
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installWithApt, runnable } from "./debian-package.mjs";

/** Environment variables that name the browser, first wins. CHROME_PATH is the name other tools (chrome-launcher, Lighthouse) read. */
export const BROWSER_VARIABLES = ["CHROMIUM_PATH", "CHROME_PATH"];

// Where the usual packages put it: Debian/Ubuntu, Fedora, snap, Google's packages, macOS.
const KNOWN_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

export const HOW_TO_GET_ONE =
  "Install Chromium (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`) " +
  `or point ${BROWSER_VARIABLES[0]} at a Chromium or Chrome executable.`;

/**
 * The browser to use: `{ path }`, or `{ problem }` saying what is wrong in words a user can act on.
 * A variable that is set must name a runnable file: it is never silently passed over.
 */
export function findChromium(env = process.env, knownPaths = KNOWN_PATHS) {
  for (const name of BROWSER_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (runnable(value)) return { path: value, from: name };
    return { problem: `${name} is set to "${value}", which is not an executable file. Fix it or unset it.` };
  }
  for (const file of knownPaths) if (runnable(file)) return { path: file, from: "a common location" };
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) if (runnable(join(dir, name))) return { path: join(dir, name), from: "PATH" };
  }
  return { problem: `No Chromium found (looked at ${BROWSER_VARIABLES.join(", ")}, ${KNOWN_PATHS[0]} and other common locations, and PATH). ${HOW_TO_GET_ONE}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ensure = process.argv.includes("--ensure");
  let found = findChromium();
  if (ensure && found.problem && !BROWSER_VARIABLES.some((name) => process.env[name]) && installWithApt("chromium", { purpose: "the docs' browser test" })) found = findChromium();
  if (found.path) {
    console.log(`chromium: ${found.path} (from ${found.from}), for the docs' browser test`);
  } else {
    console.log(`chromium: ${found.problem}\n  \`npm test\` needs it for the docs' browser test; everything else works without it.`);
    if (!ensure) process.exitCode = 1;
  }
}

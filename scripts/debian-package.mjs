// What scripts/chromium.mjs and scripts/redis.mjs share: whether a file can be run, and installing
// a Debian package when `npm run setup` runs as root on a system with apt-get (CI's fresh machine).
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

export const runnable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Installs Debian's `pkg` (`apt-get update`, then `apt-get install -y pkg ...extra`) when this is root
 * on Linux with apt-get; returns whether it tried. apt's own chatter (debconf notes) is shown only if
 * a step fails. `label` starts each line (`chromium:`), `purpose` says what needs it.
 */
export function installWithApt(pkg, { label = pkg, purpose, extra = [] }) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.platform !== "linux" || !root || spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return false;
  console.log(`${label}: not found; installing Debian's ${pkg} package for ${purpose} (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...extra, pkg]]) {
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "pipe"], env, encoding: "utf8" });
    if (result.status !== 0) {
      console.log(`${label}: \`apt-get ${args.join(" ")}\` failed (exit ${result.status}):\n${result.stderr}`);
      return true;
    }
  }
  return true;
}

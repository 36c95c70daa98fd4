// Profiles saved by `yeastar login`: one JSON file only its owner can read (0600, in a 0700
// folder), under $XDG_CONFIG_HOME/yeastar or ~/.config/yeastar. Written whole to a temporary file
// and renamed over the old one, so a crash never leaves half a file, and never with wider
// permissions than 0600 even for a moment.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./exit.js";

export type ApiName = "ycm" | "workplace";

export interface ApiProfile {
  clientId: string;
  clientSecret: string;
  baseUrl?: string;
}

export type Profile = Partial<Record<ApiName, ApiProfile>>;

interface ProfilesFile {
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = "default";

/** $XDG_CONFIG_HOME/yeastar (an absolute XDG path only, as the spec asks), else ~/.config/yeastar. */
export function configDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && xdg.startsWith("/") ? xdg : join(env.HOME || homedir(), ".config"), "yeastar");
}

/** $XDG_CACHE_HOME/yeastar, else ~/.cache/yeastar: tokens, which can be thrown away. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith("/") ? xdg : join(env.HOME || homedir(), ".cache"), "yeastar");
}

export function profilesPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), "profiles.json");
}

export function readProfiles(env: NodeJS.ProcessEnv, warn: (line: string) => void): Record<string, Profile> {
  const file = profilesPath(env);
  if (!existsSync(file)) return {};
  // Like ssh with a private key: say so when others could read the secrets.
  if ((statSync(file).mode & 0o077) !== 0) warn(`yeastar: warning: ${file} can be read by others; run chmod 600 on it`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UsageError(`${file} is not valid JSON; fix it or delete it and run yeastar login again`);
  }
  const profiles = (parsed as ProfilesFile | null)?.profiles;
  if (!profiles || typeof profiles !== "object") throw new UsageError(`${file} has no "profiles" object; fix it or delete it and run yeastar login again`);
  return profiles;
}

/** Saves one API's credentials in a profile, keeping the file's other profiles and APIs. */
export function saveProfile(env: NodeJS.ProcessEnv, name: string, api: ApiName, credentials: ApiProfile, warn: (line: string) => void): string {
  const file = profilesPath(env);
  const profiles = readProfiles(env, warn);
  profiles[name] = { ...profiles[name], [api]: credentials };
  writePrivate(file, `${JSON.stringify({ profiles }, null, 2)}\n`);
  return file;
}

/** Writes `text` to `file` readable by its owner only: folder 0700 if created, file 0600, atomically. */
export function writePrivate(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask cannot widen it, but a leftover temp file of the same name could be wider
  renameSync(temp, file);
}

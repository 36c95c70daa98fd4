// A token store in a file, for several processes on one host (cron jobs, workers, a CLI run many
// times): one process refreshes while the others wait for its lock and then use the new token.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import lockfile from "proper-lockfile";
import type { StoredToken, YeastarTokenStore } from "../core/tokens.js";
import { customTokenStore } from "./token-store-plugin.js";
import { sleep } from "../core/retry.js";

export interface FileTokenStoreOptions {
  /** The file holding the token (created 0600; its folder 0700 when created). One file per Client ID. */
  path: string;
  /**
   * A lock whose holder stopped touching it for this long is taken over (its process died):
   * the others wait at most this long for a crashed holder. Default 10 000, at least 2 000.
   */
  staleMs?: number;
  /** How long a process waits for another one's refresh before giving up. Default 30 000. */
  waitMs?: number;
  /** How often a waiting process tries the lock. Default 25. */
  pollMs?: number;
}

/** What the file holds: the token and the number of the write that stored it. */
interface FileRecord {
  token: StoredToken;
  generation: number;
}

const DEFAULTS = { staleMs: 10_000, waitMs: 30_000, pollMs: 25 };

/**
 * A `TokenStore` kept in a file. Writes are atomic (a private temporary file renamed over the
 * old one), the file is readable by its owner only, and `renew` holds a cross-process lock
 * (`proper-lockfile`: a lock directory beside the file, kept fresh while held and taken over
 * once stale) so one process asks for a new token while the others wait and reuse it.
 */
export function fileTokenStore(options: FileTokenStoreOptions): YeastarTokenStore {
  if (typeof options !== "object" || options === null) throw new TypeError("fileTokenStore: options are required: { path }");
  const { path } = options;
  if (typeof path !== "string" || path === "") throw new TypeError("fileTokenStore: path must be a non-empty string");
  for (const key of Object.keys(options)) {
    if (key !== "path" && !(key in DEFAULTS)) throw new TypeError(`fileTokenStore: unknown option "${key}"; the options are path, ${Object.keys(DEFAULTS).join(", ")}`);
  }
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new TypeError(`fileTokenStore: ${key} must be a positive number of milliseconds`);
    settings[key] = value;
  }
  const file = resolve(path);
  const lockPath = `${file}.lock`;
  const staleMs = Math.max(2_000, settings.staleMs);

  async function read(): Promise<FileRecord | undefined> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`fileTokenStore: cannot read the token file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    // A file cut short or written by something else is treated as empty: the next renew
    // replaces it. Its content is never quoted (it holds tokens).
    try {
      const record = JSON.parse(text) as FileRecord;
      if (typeof record?.token?.accessToken === "string" && Number.isSafeInteger(record.generation)) return record;
    } catch {}
    return undefined;
  }

  async function write(record: FileRecord): Promise<void> {
    // The folder is made private only when this store creates it; an existing one is left as it is.
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // The mode asked of open() is narrowed by the umask, never widened; chmod makes it exact.
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Takes the lock, waiting for another holder; resolves with its release. */
  async function lock(): Promise<{ release: () => Promise<void>; compromised: () => boolean }> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + settings.waitMs;
    let lost = false;
    for (;;) {
      try {
        const release = await lockfile.lock(file, {
          lockfilePath: lockPath,
          realpath: false,
          stale: staleMs,
          retries: 0,
          // Another process took the lock over (this one stalled past staleMs): this one must
          // not write. The default would throw from a timer and end the process.
          onCompromised: () => {
            lost = true;
          },
        });
        return { release: () => release().catch(() => undefined), compromised: () => lost };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw new Error(`fileTokenStore: cannot lock the token file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
      if (Date.now() >= deadline) throw new Error(`fileTokenStore: another process held the token lock for more than ${settings.waitMs} ms`);
      // Jitter, so waiting processes do not knock in step.
      await sleep(settings.pollMs * (0.5 + Math.random()));
    }
  }

  return customTokenStore({
    async get() {
      return (await read())?.token;
    },
    async set(token) {
      const held = await lock();
      try {
        await write({ token: plain(token), generation: ((await read())?.generation ?? 0) + 1 });
      } finally {
        await held.release();
      }
    },
    async renew(refresh) {
      const held = await lock();
      try {
        const before = await read();
        const token = await refresh(before?.token);
        if (token === before?.token) return token;
        // Fencing: a holder that lost the lock (it stalled and another process took over) does
        // not overwrite, and neither does one that finds a newer write than the one it read.
        const now = await read();
        if (!held.compromised() && (now?.generation ?? 0) === (before?.generation ?? 0)) {
          await write({ token: plain(token), generation: (before?.generation ?? 0) + 1 });
        }
        return token;
      } finally {
        await held.release();
      }
    },
  });
}

/** The token's own fields only, whatever else the object carries. */
function plain(token: StoredToken): StoredToken {
  const { accessToken, refreshToken, issuedAt, expiresAt } = token;
  return { accessToken, refreshToken, issuedAt, expiresAt };
}

// Runs a command with its output passed through line by line, less the lines that only alarm or
// bury a reader: turbo's "cache hit, suppressing logs" notes and vitest's notice, printed on every
// run that checks types, that type testing is experimental. Everything else (and all of stderr)
// passes unchanged, in order.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const NOISE = [
  /cache hit, suppressing logs/,
  /Testing types with tsc and vue-tsc is an experimental feature\./,
  /Breaking changes might not follow SemVer, please pin Vitest's version when using it\./,
];
// Colour codes, so a line is matched whatever colour it was printed in.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Whether a line of output is noise (see above). */
export const isNoise = (line) => NOISE.some((pattern) => pattern.test(line.replace(ANSI, "")));

/** Runs `command`, printing its output without the noise; resolves to `{ status }` (1 when killed). */
export function runFiltered(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["inherit", "pipe", "pipe"] });
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
        if (!isNoise(line)) to.write(`${line}\n`);
      });
    }
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? 1 }));
  });
}

// What the figures were measured on: they mean little without the machine.
import { execFileSync } from "node:child_process";
import os from "node:os";

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    pnpm: tryRun("pnpm", ["--version"]),
    loadAverage: os.loadavg().map((n) => n.toFixed(2)).join(", "),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

// Real processes: each worker is a `node` child (child_process.fork) running a small script that
// imports the BUILT client through its package exports, told what to do over IPC.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface WorkerMessage {
  type: string;
  [key: string]: unknown;
}

export interface Worker {
  readonly child: ChildProcess;
  /** Everything the worker printed (stdout and stderr), for the secret grep. */
  output(): string;
  send(message: WorkerMessage): void;
  /** The next message of `type` (messages that came earlier are kept until asked for). */
  next(type: string, timeoutMs?: number): Promise<WorkerMessage>;
  /** Calls `listener` for every message of `type`, including those that came already. */
  on(type: string, listener: (message: WorkerMessage) => void): void;
  stop(): Promise<void>;
}

export function startWorker(script: string, config: unknown): Worker {
  const child = fork(fileURLToPath(new URL(`../workers/${script}`, import.meta.url)), [JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let printed = "";
  child.stdout!.on("data", (chunk) => (printed += chunk));
  child.stderr!.on("data", (chunk) => (printed += chunk));
  const queue: WorkerMessage[] = [];
  const waiting: { type: string; resolve: (m: WorkerMessage) => void }[] = [];
  const listeners: { type: string; listener: (m: WorkerMessage) => void }[] = [];
  child.on("message", (raw) => {
    const message = raw as WorkerMessage;
    for (const l of listeners) if (l.type === message.type) l.listener(message);
    const i = waiting.findIndex((w) => w.type === message.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message);
    else queue.push(message);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => printed,
    send: (message) => void child.send(message),
    next(type, timeoutMs = 60_000) {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${child.pid}: no "${type}" message within ${timeoutMs} ms; it printed:\n${printed}`)), timeoutMs);
        const entry = { type, resolve: (m: WorkerMessage) => (clearTimeout(timer), resolve(m)) };
        waiting.push(entry);
        exited.then(() => {
          if (waiting.includes(entry)) {
            clearTimeout(timer);
            reject(new Error(`worker ${child.pid} exited (code ${child.exitCode}, signal ${child.signalCode}) before "${type}"; it printed:\n${printed}`));
          }
        });
      });
    },
    on(type, listener) {
      listeners.push({ type, listener });
      for (const m of queue) if (m.type === type) listener(m);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ type: "exit" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

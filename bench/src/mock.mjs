// Starts src/mock-process.mjs and resolves once it listens.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./mock-process.mjs", import.meta.url));

/** @returns {Promise<{ url: string, credentials: { clientId: string, clientSecret: string }, ycmUserIds: number[], stop(): Promise<void> }>} */
export function startMockProcess(options) {
  const child = fork(script, [JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`mock server process exited with ${code} before listening`)));
    child.once("message", (/** @type {object} */ info) => {
      resolve({
        ...info,
        async stop() {
          if (child.connected) child.disconnect();
          await exited;
        },
      });
    });
  });
}

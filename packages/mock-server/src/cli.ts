#!/usr/bin/env node
import { CLI_USAGE, formatBanner, parseCliArgs } from "./cli-args.js";
import { startMockServer } from "./server.js";

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const server = await startMockServer({
    ...command.options,
    onLog: (event) => {
      if (event.level !== "info") process.stderr.write(`[${event.level}] ${event.message}\n`);
    },
  });
  process.stdout.write(formatBanner(server));
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping.\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // `on`, not `once`: Ctrl+C under `npm run mock` can arrive twice (from the terminal and passed
  // on by the wrapper), and a second signal must not kill the process before it has closed.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

#!/usr/bin/env node
import { CLI_USAGE, formatBanner, parseCliArgs } from "./cli-args.js";
import { startMockServer, type MockServer } from "./server.js";
import type { WebhookDelivery } from "./webhooks/dispatcher.js";

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
  if (command.sendWebhookTest) {
    const eventId = server.sendWebhookTest();
    // The first attempt's outcome; retries of a failed one go on in the background (failures on stderr).
    const first = await firstAttempt(server, eventId);
    process.stdout.write(`WEBHOOK_TEST -> ${first?.url ?? "?"}: ${first?.status !== undefined ? `HTTP ${first.status}` : (first?.error ?? "not sent")}\n`);
  }
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

async function firstAttempt(server: MockServer, eventId: string): Promise<WebhookDelivery | undefined> {
  for (;;) {
    const found = server.webhookDeliveries.find((d) => d.eventId === eventId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

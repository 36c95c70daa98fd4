#!/usr/bin/env node
// `pnpm demo`: runs the examples end to end, as a user would from a shell, against the local mock
// server (each example starts its own), and shows what each one did. No account, no network.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = import.meta.dirname;

// The demo always uses the mock, even in a shell where real credentials are exported.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(YCM|WORKPLACE)_/.test(name)));

/**
 * Runs one example the way a user would and shows the command, its output and its exit status.
 * @param {string} example
 * @param {string[]} args
 * @returns {Promise<{ status: number | null, stdout: string }>}
 */
async function show(example, args) {
  console.log(`\n$ node ${[example, ...args].join(" ")}`);
  const child = spawn(process.execPath, [join(here, example), ...args], { cwd: here, env, stdio: ["ignore", "pipe", "pipe"] });
  // Both streams into one transcript, in the order they arrive, as a terminal would show them.
  let transcript = "";
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    stdout += chunk;
    transcript += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk) => (transcript += chunk));
  const status = await new Promise((resolve, reject) => child.on("error", reject).on("close", resolve));
  const lines = transcript.trimEnd().split("\n");
  const shown = lines.length > 14 ? [...lines.slice(0, 12), `... (${lines.length - 12} more lines)`] : lines;
  console.log(shown.map((line) => `  ${line}`).join("\n"));
  console.log(`  [exit status ${status}]`);
  return { status, stdout };
}

/** @param {boolean} ok @param {string} what */
function expect(ok, what) {
  if (!ok) throw new Error(`demo: ${what}`);
}

console.log("yeastar-openapi demo: the examples in examples/ against a local mock server (demo data, no account, no network).");
const dir = await mkdtemp(join(tmpdir(), "yeastar-demo-"));
try {
  const csvFile = join(dir, "ycm-users.csv");
  const listed = await show("list-ycm-users-to-csv.mjs", [csvFile]);
  expect(listed.status === 0, "list-ycm-users-to-csv.mjs failed");

  const records = (await readFile(csvFile, "utf8")).trimEnd().split("\r\n");
  console.log(`\nThe CSV has ${records.length} lines: a header and ${records.length - 1} YCM users. Its first lines:`);
  console.log(records.slice(0, 4).map((line) => `  ${line}`).join("\n"));

  const firstUserId = records[1]?.split(",")[0] ?? "";
  const found = await show("get-ycm-user.mjs", [firstUserId]);
  expect(found.status === 0, `get-ycm-user.mjs ${firstUserId} failed`);

  // An ID the mock does not know: the API's typed error, one line, exit status 1.
  const missing = await show("get-ycm-user.mjs", ["1"]);
  expect(missing.status === 1, "get-ycm-user.mjs 1 should have failed with exit status 1");

  expect((await show("search-ycm-subordinates.mjs", ["li"])).status === 0, "search-ycm-subordinates.mjs failed");
  expect((await show("list-workplace-users.mjs", ["li"])).status === 0, "list-workplace-users.mjs failed");
  expect((await show("todays-meetings.mjs", [])).status === 0, "todays-meetings.mjs failed");
  expect((await show("book-check-in-cancel.mjs", [])).status === 0, "book-check-in-cancel.mjs failed");
  expect((await show("webhook-receiver.mjs", [])).status === 0, "webhook-receiver.mjs failed");

  const billed = await show("ycm-billing-collector.mjs", [dir]);
  expect(billed.status === 0, "ycm-billing-collector.mjs failed");
  const pbxLines = (await readFile(join(dir, "ycm-cloud-pbxs.csv"), "utf8")).trimEnd().split("\r\n");
  console.log(`\nycm-cloud-pbxs.csv has ${pbxLines.length - 1} Cloud PBXs with their plan and capacities. Its first lines:`);
  console.log(pbxLines.slice(0, 3).map((line) => `  ${line}`).join("\n"));

  console.log("\nDone. Set YCM_CLIENT_ID and YCM_CLIENT_SECRET (or WORKPLACE_CLIENT_ID and WORKPLACE_CLIENT_SECRET) to run the same examples against your account; see examples/README.md.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

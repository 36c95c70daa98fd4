// get-ycm-user.mjs prints one user's details, turns the API's refusal into one line and exit
// status 1, and refuses a bad argument before any request.
import { expect, test } from "vitest";
import { exampleDataset, runExample } from "./run-example.js";

const known = exampleDataset().collections.YcmUser![3]!;

test("prints the user's details as JSON", async () => {
  const run = await runExample("get-ycm-user.mjs", [String(known.userId)]);
  expect(run.status).toBe(0);
  const printed = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(printed.userId).toBe(known.userId);
  // Every field printed is the user's (the mock's records also hold fields only the list shows).
  expect(known).toMatchObject(printed);
});

test("an unknown user ID: the API's error message on stderr, exit status 1", async () => {
  const run = await runExample("get-ycm-user.mjs", ["1"]);
  expect(run.stderr).toMatch(
    /^YeastarApiError: YCM API error on GET \/dm\/open_api\/v1\/users\/1 \(127\.0\.0\.1:\d+\): HTTP 404 1000015 USER_NOT_FOUND - no YcmUser with userId 1 \(requestId [0-9a-f-]{36}\)$/m,
  );
  expect(run.stdout).toBe("");
  expect(run.status).toBe(1);
});

test.each([["abc"], ["12abc"], ["-5"], ["1.5"], [""], ["99999999999999999999"]])("refuses userId %j with a clear message, exit status 2", async (arg) => {
  const run = await runExample("get-ycm-user.mjs", [arg]);
  expect(run.stderr).toBe(`userId must be a whole number such as 13123 (at most 9007199254740991), got "${arg}"\n`);
  expect(run.status).toBe(2);
});

test("without an argument it prints its usage, exit status 2", async () => {
  const run = await runExample("get-ycm-user.mjs");
  expect(run.stderr).toContain("Usage: node get-ycm-user.mjs <userId>");
  expect(run.status).toBe(2);
});

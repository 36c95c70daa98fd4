// Opt-in response validation (@yeastar-openapi/client/validate) against a real server on
// 127.0.0.1 that answers drifted envelopes: the spec's own examples, then with a field added,
// removed, retyped or given a value the spec's enum does not list.
import { loadSpec } from "@yeastar-openapi/spec-model";
import { describe, expect, test } from "vitest";
import { createWorkplaceClient, createYcmClient, YeastarError, YeastarResponseError } from "../src/index.js";
import { validateResponses, YeastarValidationError } from "../src/validate/index.js";
import { validatorFor } from "../src/validate/schemas.js";
import { json, useHostile } from "./hostile.js";
// @ts-expect-error: plain ESM script without type declarations
import { pruneSchema } from "../scripts/generate-operations.mjs";

const hostile = useHostile();
const ycmSpec = loadSpec("ycm");
const workplaceSpec = loadSpec("workplace");

/** A fresh copy of the spec's example success body of `operationId`. */
function example(spec: typeof ycmSpec, operationId: string): any {
  const value = spec.operation(operationId)?.success?.json?.example;
  if (value === undefined) throw new Error(`the spec has no example answer for ${operationId}`);
  return structuredClone(value);
}

function ycm(mode: "warn" | "error" = "warn") {
  const warnings: { message: string; error: YeastarValidationError }[] = [];
  const client = createYcmClient({ baseUrl: hostile.url, accessToken: "token", maxRetries: 0 });
  validateResponses(client, { mode, onWarning: (message, error) => warnings.push({ message, error }) });
  return { client, warnings };
}

const getUser = (client: ReturnType<typeof createYcmClient>) => client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 13123 } } });

describe("a body as the spec says, or with fields the spec does not know", () => {
  test("the spec's example passes", async () => {
    hostile.handle((_req, res) => json(res, 200, example(ycmSpec, "getYcmUser")));
    const { client, warnings } = ycm();
    const { data } = await getUser(client);
    expect(data.data.userId).toBe(13123);
    expect(warnings).toEqual([]);
  });

  test("fields Yeastar added at every level are not drift", async () => {
    const body = example(ycmSpec, "getYcmUser");
    Object.assign(body, { traceId: "x", newEnvelopeField: { nested: true } });
    Object.assign(body.data, { newUserField: 42, loginHistory: [{ at: 1 }] });
    hostile.handle((_req, res) => json(res, 200, body));
    const { client, warnings } = ycm("error");
    const { data } = await getUser(client);
    expect((data.data as unknown as Record<string, unknown>).newUserField).toBe(42);
    expect(warnings).toEqual([]);
  });
});

describe("drift, reported as a warning (the body is still returned)", () => {
  test.each([
    ["a missing required field", (body: any) => delete body.data.userId, { pointer: "/data/userId", kind: "required", message: "a required field is missing" }],
    ["a wrong type", (body: any) => (body.data.userId = "13123"), { pointer: "/data/userId", kind: "type", message: "should be integer, got string" }],
    ["an unknown enum value", (body: any) => (body.data.userType = "Partner"), { pointer: "/data/userType", kind: "enum", message: '"Partner" is not one of "My Colleague", "Reseller", "Hosting User"' }],
    ["a changed constant", (body: any) => (body.status = "OK"), { pointer: "/status", kind: "enum", message: '"OK" is not "Success"' }],
  ])("%s", async (_name, drift, issue) => {
    const body = example(ycmSpec, "getYcmUser");
    drift(body);
    hostile.handle((_req, res) => json(res, 200, body));
    const { client, warnings } = ycm();
    const { data } = await getUser(client);
    expect(data).toEqual(body);
    expect(warnings).toHaveLength(1);
    const [{ message, error }] = warnings as [{ message: string; error: YeastarValidationError }];
    expect(error.issues).toEqual([issue]);
    expect(error.pointer).toBe(issue.pointer);
    expect(message).toBe(
      `YCM getYcmUser (GET /dm/open_api/v1/users/{userId}): the response does not match the spec: ${issue.pointer}: ${issue.message} (requestId ${body.requestId})`,
    );
  });
});

describe('mode: "error"', () => {
  test("throws YeastarValidationError naming the operation and the JSON pointer", async () => {
    const body = example(ycmSpec, "getYcmUser");
    body.data.userType = 7;
    delete body.time;
    hostile.handle((_req, res) => json(res, 200, body));
    const error = await getUser(ycm("error").client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarValidationError);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect(error).toBeInstanceOf(YeastarError);
    expect(error).toMatchObject({
      name: "YeastarValidationError",
      api: "YCM",
      operationId: "getYcmUser",
      operation: "GET /dm/open_api/v1/users/{userId}",
      status: 200,
      pointer: "/time",
      requestId: body.requestId,
      url: `${hostile.url}/dm/open_api/v1/users/13123`,
    });
    expect((error as YeastarValidationError).issues.map((i) => `${i.pointer} ${i.kind}`)).toEqual(["/time required", "/data/userType type", "/data/userType enum"]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "YeastarValidationError", operationId: "getYcmUser", pointer: "/time" });
  });

  test("every page of a paginate walk is checked: a drifted item on page 2 stops the walk there", async () => {
    hostile.handle((req, res) => {
      const page = Number(new URL(req.url!, hostile.url).searchParams.get("pageNumber"));
      const body = example(ycmSpec, "listYcmUsers");
      Object.assign(body.data, { pageNumber: page, pageSize: 2, total: 6 });
      body.data.list = body.data.list.map((user: any, i: number) => ({ ...user, userId: page * 10 + i }));
      if (page === 2) body.data.list[1].twoFactorAuthenticationEnable = "sometimes";
      json(res, 200, body);
    });
    const seen: number[] = [];
    const walk = async () => {
      for await (const user of ycm("error").client.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 2 } } })) seen.push(user.userId);
    };
    await expect(walk()).rejects.toMatchObject({ name: "YeastarValidationError", operationId: "listYcmUsers", pointer: "/data/list/1/twoFactorAuthenticationEnable" });
    expect(seen).toEqual([10, 11]);
  });

  test("Workplace: a count sent as a string", async () => {
    const body = example(workplaceSpec, "listWorkplaceUsers");
    body.data.total = String(body.data.total);
    hostile.handle((_req, res) => json(res, 200, body));
    const client = createWorkplaceClient({ baseUrl: hostile.url, accessToken: "token", maxRetries: 0 });
    validateResponses(client, { mode: "error" });
    await expect(client.GET("/services/openapi/v1.0/user/user_list")).rejects.toMatchObject({
      api: "Workplace",
      operationId: "listWorkplaceUsers",
      pointer: "/data/total",
      issues: [{ pointer: "/data/total", kind: "type", message: "should be integer, got string" }],
    });
  });
});

describe("the generated schemas", () => {
  test("stay open, and keep only what validates (a property named like an annotation stays)", () => {
    const refs = new Set<string>();
    const schema = {
      type: "object",
      description: "a closed schema",
      additionalProperties: false,
      required: ["description"],
      properties: { description: { type: "string", description: "a field named description", example: "x" }, owner: { $ref: "#/components/schemas/YcmUser" } },
      "x-yeastar": true,
    };
    expect(pruneSchema(schema, refs)).toEqual({
      type: "object",
      required: ["description"],
      properties: { description: { type: "string" }, owner: { $ref: "#/components/schemas/YcmUser" } },
    });
    expect([...refs]).toEqual(["YcmUser"]);
  });
});

describe("set-up", () => {
  test("each operation's validator is compiled once, on first use", () => {
    const first = validatorFor("YCM", "getYcmUser");
    expect(first).toBeTypeOf("function");
    expect(validatorFor("YCM", "getYcmUser")).toBe(first);
    expect(validatorFor("YCM", "noSuchOperation")).toBeUndefined();
  });

  test("bad options are refused, naming the problem", () => {
    const client = createYcmClient({ baseUrl: hostile.url, accessToken: "token" });
    expect(() => validateResponses(client, { mode: "strict" as never })).toThrow('validateResponses: mode must be "warn" or "error", got "strict"');
    expect(() => validateResponses(client, { onWarn: () => {} } as never)).toThrow('validateResponses: unknown option "onWarn"; the options are mode, onWarning');
    expect(() => validateResponses({} as never)).toThrow("validateResponses: pass a client made by createYcmClient() or createWorkplaceClient()");
  });
});

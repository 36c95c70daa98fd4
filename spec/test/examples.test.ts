// Every example in the spec is valid JSON that validates against its schema, and responses
// stay valid when Yeastar adds a field we do not know yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
// The spec model's sources: the spec package cannot depend on the package built from it.
import { loadSpec } from "../../packages/spec-model/src/index.js";
import { collectExamples, schemaRef, validatorFor } from "./examples.js";

const apis = ["ycm", "workplace"] as const;
const load = (api: string) => JSON.parse(readFileSync(join(import.meta.dirname, "..", "dist", `${api}.openapi.json`), "utf8"));

describe.each(apis)("%s examples", (api) => {
  const doc = load(api);
  const validate = validatorFor(doc);
  const examples = collectExamples(doc);

  test("the spec has examples for every operation's bodies", () => {
    expect(examples.length).toBeGreaterThan(loadSpec(doc).operations.length * 2);
  });

  test.each(examples.map((e) => [e.where, e] as const))("%s validates", (_where, example) => {
    expect(validate(example.schema, example.value).errors).toEqual([]);
  });

  test("every webhook's payload example is checked too", () => {
    const checked = new Set(examples.filter((e) => e.where.startsWith("/webhooks/")).map((e) => e.where.split("/")[2]));
    expect([...checked].sort()).toEqual(Object.keys(doc.webhooks ?? {}).sort());
  });

  test("a wrong example is caught (the check can fail)", () => {
    const response = examples.find(
      (e) => e.where.endsWith("/responses/200/content/application~1json/example") && (e.value as { status?: unknown }).status === "Success",
    );
    expect(response).toBeDefined();
    const broken = structuredClone(response!.value) as Record<string, unknown>;
    broken.status = 42;
    expect(validate(response!.schema, broken).ok).toBe(false);
  });

  test("a response with fields we do not know yet still validates (forward compatible)", () => {
    for (const op of loadSpec(doc).operations) {
      const ok = op.responses.find((response) => response.status === "200")?.json;
      if (!ok || ok.example === undefined) continue;
      const future = structuredClone(ok.example) as any;
      future.addedByYeastarLater = { nested: true };
      const list = future.data?.list;
      if (Array.isArray(list) && list[0]) list[0].anotherNewField = "x";
      expect(validate(schemaRef(ok.schemaPointer), future).errors, `${op.method} ${op.path}`).toEqual([]);
    }
  });
});

// Every example in the spec is valid JSON that validates against its schema, and responses
// stay valid when Yeastar adds a field we do not know yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectExamples, schemaRef, validatorFor } from "./examples.js";

const apis = ["ycm", "workplace"] as const;
const load = (api: string) => JSON.parse(readFileSync(join(import.meta.dirname, "..", "dist", `${api}.openapi.json`), "utf8"));

describe.each(apis)("%s examples", (api) => {
  const doc = load(api);
  const validate = validatorFor(doc);
  const examples = collectExamples(doc);

  test("the spec has examples for every operation's bodies", () => {
    const operations = Object.values<any>(doc.paths).flatMap((item) => Object.keys(item));
    expect(examples.length).toBeGreaterThan(operations.length * 2);
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
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const example = op.responses?.["200"]?.content?.["application/json"]?.example;
        if (!example) continue;
        const future = structuredClone(example);
        future.addedByYeastarLater = { nested: true };
        const list = future.data?.list;
        if (Array.isArray(list) && list[0]) list[0].anotherNewField = "x";
        const pointer = `/paths/${path.replace(/\//g, "~1")}/${method}/responses/200/content/application~1json/schema`;
        expect(validate(schemaRef(pointer), future).errors, `${method} ${path}`).toEqual([]);
      }
    }
  });
});

import { Ajv2020 } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import type { SpecModel } from "@yeastar-openapi/spec-model";

/** Validates answers against the spec on its own (not through the mock's validator, which is under test). */

const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  constructor(private readonly model: SpecModel) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...structuredClone(model.document), $id: this.id });
  }

  private get id(): string {
    return `https://conformance.invalid/${this.model.api}.json`;
  }

  /** Problems of an answer, or [] when it is a documented status whose body matches its schema. */
  problems(operationId: string, status: number, body: unknown): string[] {
    const op = this.model.operation(operationId);
    const documented = this.model.response(op, status);
    if (!documented) return [`HTTP ${status} is not documented (documented: ${op.responses.map((r) => r.status).join(", ")})`];
    if (!documented.json) return body === undefined ? [] : [`HTTP ${status} is documented without a JSON body`];
    const pointer = documented.json.schemaPointer.split("/").map(encodeURIComponent).join("/");
    const validate = this.ajv.getSchema(`${this.id}#${pointer}`) ?? this.ajv.compile({ $ref: `${this.id}#${pointer}` });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? e.keyword}`);
  }
}

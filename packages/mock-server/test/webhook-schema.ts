import { Ajv2020 } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import { loadSpec } from "@yeastar-openapi/spec-model";

/** Checks a payload against the spec's webhook schema on its own (not through the mock's validator, which is under test). */

const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const api of ["ycm", "workplace"] as const) ajv.addSchema({ ...structuredClone(loadSpec(api).document), $id: `https://webhooks.invalid/${api}.json` });

/** The schema errors of `body` as the `key` webhook of `api` (`pceDidChange`, `MEETING_CREATED`): [] when it conforms. */
export function payloadProblems(api: "ycm" | "workplace", key: string, body: unknown): string[] {
  const hook = loadSpec(api).webhooks.find((w) => w.event === key);
  if (!hook?.requestBody?.json) return [`no webhook ${key}`];
  const pointer = hook.requestBody.json.schemaPointer.split("/").map(encodeURIComponent).join("/");
  const validate = ajv.compile({ $ref: `https://webhooks.invalid/${api}.json#${pointer}` });
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

// A request body from `--data`: inline JSON, `@file`, or `-` for stdin; checked against the
// operation's request schema in the spec (Ajv, JSON Schema 2020-12, as the mock checks it) before
// anything is sent, with each problem naming its field. Values are never echoed: a body may carry
// a secret.
import { readFileSync } from "node:fs";
import type { Ajv2020, ErrorObject } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import type { MediaType, Operation, SpecModel } from "@yeastar-openapi/spec-model";
import { UsageError } from "./exit.js";


/** The text `--data` names: the argument itself, a file's contents (`@path`), or stdin (`-`). */
export async function readData(arg: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (arg === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }
  if (arg.startsWith("@")) {
    try {
      return readFileSync(arg.slice(1), "utf8");
    } catch (error) {
      throw new UsageError(`--data ${arg}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return arg;
}

/** The JSON in `text`, or a usage error saying where it broke (without quoting it). */
export function parseData(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    throw new UsageError(`--data ${source}: not valid JSON${where ? ` (at ${where})` : ""}`);
  }
}

/** The media type a body is sent as: JSON where the operation takes it, else its form body. */
export function bodyMedia(op: Operation): MediaType | undefined {
  return op.requestBody?.json ?? op.requestBody?.form;
}

const DOC_ID = (api: string) => `https://yeastar-openapi.invalid/cli/${api}.openapi.json`;
const ajvs = new WeakMap<SpecModel, Ajv2020>();

// Loaded only for a command with a body: most commands never need a validator.
async function ajvFor(model: SpecModel): Promise<Ajv2020> {
  let ajv = ajvs.get(model);
  if (!ajv) {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const formatsModule = await import("ajv-formats");
    // ajv-formats is CommonJS: its default export arrives as the module itself or under .default, depending on the loader.
    const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;
    // strict: false because the registered document is an OpenAPI file, not a pure JSON Schema:
    // its top-level keys and OpenAPI's schema keywords (example, x-*) would otherwise be refused.
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ ...model.document, $id: DOC_ID(model.api) });
    ajvs.set(model, ajv);
  }
  return ajv;
}

/** Throws a usage error naming every field of `body` the operation's request schema refuses. */
export async function checkBody(model: SpecModel, op: Operation, body: unknown): Promise<void> {
  const media = bodyMedia(op);
  if (!media) throw new UsageError(`${op.operationId} takes no request body: drop --data`);
  const fragment = media.schemaPointer.split("/").map(encodeURIComponent).join("/");
  const validate = (await ajvFor(model)).compile({ $ref: `${DOC_ID(model.api)}#${fragment}` });
  if (validate(body)) return;
  const problems = [...new Set((validate.errors ?? []).map(describe))];
  const shown = problems.slice(0, 8);
  const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : "";
  throw new UsageError(`--data does not match the request body of ${op.operationId} (${media.mediaType}):\n  ${shown.join("\n  ")}${more}`);
}

/** One Ajv error as "field problem", the field as a path from the body (`body.didList[0].number`). */
function describe(error: ErrorObject): string {
  // Ajv's instancePath is a JSON Pointer into the body (not the spec): written as a field path.
  let path = "body";
  for (const segment of error.instancePath.split("/").slice(1)) {
    const name = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    path += /^\d+$/.test(name) ? `[${name}]` : `.${name}`;
  }
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `${path}.${String(params.missingProperty)} is required`;
  if (error.keyword === "additionalProperties") return `${path}.${String(params.additionalProperty)} is not a field of this body`;
  if (error.keyword === "enum") return `${path} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${path} ${error.message ?? "is invalid"}`;
}

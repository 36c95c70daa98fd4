// Collects every example in a bundled OpenAPI document together with the schema it illustrates,
// and validates each with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
// The spec model's sources: the spec package cannot depend on the package built from it.
import { escapePointerSegment, RefResolver } from "../../packages/spec-model/src/index.js";

export interface Example {
  /** JSON pointer-ish location, for messages. */
  where: string;
  schema: object;
  value: unknown;
}

type Doc = Record<string, any>;

const BUNDLE_ID = "https://yeastar-openapi.local/bundle.json";

// Schemas are validated as references into the bundle, so their own $refs resolve.
function schemaRef(pointer: string): object {
  return { $ref: `${BUNDLE_ID}#${pointer}` };
}

const escape = escapePointerSegment;

export function collectExamples(doc: Doc): Example[] {
  const refs = new RefResolver(doc);
  const found: Example[] = [];
  const walkSchema = (schema: any, pointer: string) => {
    if (!schema || typeof schema !== "object" || "$ref" in schema) return;
    if ("example" in schema) found.push({ where: pointer, schema: schemaRef(pointer), value: schema.example });
    for (const [i, value] of (schema.examples ?? []).entries()) found.push({ where: `${pointer}/examples/${i}`, schema: schemaRef(pointer), value });
    for (const [name, child] of Object.entries<any>(schema.properties ?? {})) walkSchema(child, `${pointer}/properties/${escape(name)}`);
    if (schema.items) walkSchema(schema.items, `${pointer}/items`);
    for (const key of ["oneOf", "anyOf", "allOf"]) for (const [i, child] of (schema[key] ?? []).entries()) walkSchema(child, `${pointer}/${key}/${i}`);
  };
  const walkMedia = (content: any, pointer: string) => {
    for (const [type, media] of Object.entries<any>(content ?? {})) {
      const at = `${pointer}/content/${escape(type)}`;
      if ("example" in media) found.push({ where: `${at}/example`, schema: schemaRef(`${at}/schema`), value: media.example });
      for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
        found.push({ where: `${at}/examples/${name}`, schema: schemaRef(`${at}/schema`), value: refs.resolve<Doc>(example).value });
      }
      walkSchema(media.schema, `${at}/schema`);
    }
  };
  const walkParameter = (param: any, pointer: string) => {
    if ("example" in param) found.push({ where: `${pointer}/example`, schema: schemaRef(`${pointer}/schema`), value: param.example });
    walkSchema(param.schema, `${pointer}/schema`);
  };

  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) walkSchema(schema, `/components/schemas/${escape(name)}`);
  for (const [name, param] of Object.entries<any>(doc.components?.parameters ?? {})) walkParameter(param, `/components/parameters/${escape(name)}`);
  for (const [name, response] of Object.entries<any>(doc.components?.responses ?? {})) walkMedia(response.content, `/components/responses/${escape(name)}`);
  // Webhooks (OpenAPI 3.1) are path items too: their request bodies are the events' payloads.
  const items = [
    ...Object.entries<any>(doc.paths ?? {}).map(([key, item]) => [`/paths/${escape(key)}`, item] as const),
    ...Object.entries<any>(doc.webhooks ?? {}).map(([key, item]) => [`/webhooks/${escape(key)}`, item] as const),
  ];
  for (const [itemPointer, item] of items) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (typeof op !== "object" || !op.responses) continue;
      const at = `${itemPointer}/${method}`;
      for (const [i, param] of (op.parameters ?? []).entries()) if (!("$ref" in param)) walkParameter(param, `${at}/parameters/${i}`);
      if (op.requestBody && !("$ref" in op.requestBody)) walkMedia(op.requestBody.content, `${at}/requestBody`);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (!("$ref" in response)) walkMedia(response.content, `${at}/responses/${escape(status)}`);
      }
    }
  }
  return found;
}

/** An Ajv instance that knows the bundle, in strict mode except for OpenAPI's own keywords. */
export function validatorFor(doc: Doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: BUNDLE_ID });
  return (schema: object, value: unknown) => {
    const validate = ajv.compile(schema);
    const ok = validate(value);
    return { ok, errors: ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`) };
  };
}

export { schemaRef };

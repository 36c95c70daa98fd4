// The validation schemas of both APIs (src/generated/<api>.schemas.ts), compiled with Ajv one
// operation at a time, on its first response: a client that calls three operations compiles three.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { YeastarApiName } from "@yeastar-openapi/client";
import { workplaceSchemas } from "../generated/workplace.schemas.js";
import { ycmSchemas } from "../generated/ycm.schemas.js";

/** What scripts/generate-operations.mjs writes: success schemas by operationId, and the components they reach. */
export interface SchemaDocument {
  readonly $id: string;
  readonly operations: Readonly<Record<string, { readonly status: string; readonly schema: object }>>;
  readonly components: { readonly schemas: Readonly<Record<string, object>> };
}

const DOCUMENTS: Readonly<Record<YeastarApiName, SchemaDocument>> = { YCM: ycmSchemas, Workplace: workplaceSchemas };

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of `operationId`'s success body, compiled on first use; undefined when the spec gives it no JSON body. */
export function validatorFor(api: YeastarApiName, operationId: string): ValidateFunction | undefined {
  const doc = DOCUMENTS[api];
  if (!Object.hasOwn(doc.operations, operationId)) return undefined;
  const key = `${api} ${operationId}`;
  let validate = compiled.get(key);
  if (!validate) {
    // strict: false, because the schemas keep OpenAPI's vocabulary where it validates nothing;
    // no formats: drift in shape is what is reported, not the spelling of a date. `verbose`
    // keeps the offending value on each error, to say what came instead.
    ajv ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false, verbose: true });
    if (!ajv.getSchema(doc.$id)) ajv.addSchema(doc as object);
    validate = ajv.compile({ $ref: `${doc.$id}#/operations/${operationId}/schema` });
    compiled.set(key, validate);
  }
  return validate;
}

export type { ErrorObject };

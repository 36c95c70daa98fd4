import type { Operation, Schema, SpecModel } from "@yeastar-openapi/spec-model";
import type { Item } from "../data.js";
import { objectView, project, type ObjectView } from "../data/schema-utils.js";
import { ParamError } from "../params.js";
import type { CallContext } from "../state.js";

/**
 * Readings of the Workplace spec that the room, meeting and group overrides share: which collection holds a
 * list's records, and the view of an operation's `data`. Names come from the spec model, not from this file.
 */

/** The collection (item schema name) of a list operation's records. */
export function collectionOf(model: SpecModel, listOperationId: string): string {
  const op = model.operation(listOperationId);
  return op.list?.itemSchemaName ?? op.operationId;
}

export function records(ctx: Pick<CallContext, "state">, name: string): Item[] {
  return (ctx.state.dataset.collections[name] ??= []);
}

/** The view of the success answer's `data` object, for projecting a record onto it. */
export function dataView(op: Operation): ObjectView {
  const schema = op.success?.json?.schema;
  return objectView(schema ? (objectView(schema).properties.data ?? {}) : {});
}

export function projectData(op: Operation, record: Item): Record<string, unknown> {
  return project(record, dataView(op));
}

/** The enum a schema property lists (e.g. the room types), read from the spec. */
export function enumOf(schema: Schema | undefined): unknown[] | undefined {
  return Array.isArray(schema?.enum) ? (schema.enum as unknown[]) : undefined;
}

/** The JSON body as an object; the spec has already checked it where it is typed. */
export function body(ctx: CallContext): Record<string, unknown> {
  return ctx.json && typeof ctx.json === "object" && !Array.isArray(ctx.json) ? (ctx.json as Record<string, unknown>) : {};
}

/** An integer field of an open body (the spec cannot check fields it does not list). */
export function intField(b: Record<string, unknown>, name: string, required: true): number;
export function intField(b: Record<string, unknown>, name: string, required?: boolean): number | undefined;
export function intField(b: Record<string, unknown>, name: string, required = false): number | undefined {
  const value = b[name];
  if (value === undefined || value === null) {
    if (required) throw new ParamError(name, "is required");
    return undefined;
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new ParamError(name, "must be an integer");
  return value;
}

export function stringField(b: Record<string, unknown>, name: string, required: true): string;
export function stringField(b: Record<string, unknown>, name: string, required?: boolean): string | undefined;
export function stringField(b: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = b[name];
  if (value === undefined || value === null) {
    if (required) throw new ParamError(name, "is required");
    return undefined;
  }
  if (typeof value !== "string" || value === "") throw new ParamError(name, "must be a non-empty string");
  return value;
}

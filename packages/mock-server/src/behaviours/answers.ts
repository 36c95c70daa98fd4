import { randomUUID } from "node:crypto";
import type { Operation } from "@yeastar-openapi/spec-model";
import { generate, newPerson } from "../data/generate.js";
import { randomHexId } from "../request-ids.js";
import type { Reply } from "../envelopes.js";
import { streamFor } from "../random.js";
import type { SpecValidator } from "../validate.js";

/**
 * The success body of each operation, made once at start-up: the spec's example when it validates, otherwise
 * one generated from the schema. Behaviours lay their data over it (`setAt`), so an envelope is never restated.
 */
export class Answers {
  private readonly cache = new Map<string, { status: number; body: unknown }>();

  constructor(private readonly validator: SpecValidator | undefined) {}

  /** Throws when the operation has no answer that passes its own response schema. */
  skeleton(op: Operation): { status: number; body: unknown } {
    const hit = this.cache.get(op.operationId);
    if (hit) return hit;
    const success = op.success;
    if (!success) throw new Error(`${op.operationId} documents no 2XX response`);
    const status = /^\d+$/.test(success.status) ? Number(success.status) : 200;
    const media = success.json;
    let body: unknown;
    if (media) {
      const candidates = [...media.examples.map((e) => e.value)];
      const rng = streamFor(1, op.operationId);
      candidates.push(generate(media.schema, { rng, person: newPerson(rng), serial: 1 }));
      body = candidates.find((c) => !this.validator || this.validator.checkResponse(op.operationId, status, c) === null);
      if (body === undefined) {
        const errors = this.validator?.checkResponse(op.operationId, status, candidates[candidates.length - 1]) ?? [];
        throw new Error(`${op.operationId}: neither its example nor a body generated from its schema is valid (${errors.join("; ")})`);
      }
    }
    const entry = { status, body };
    this.cache.set(op.operationId, entry);
    return entry;
  }

  /** The operation's success answer with `fills` laid over it (each a property path and a value). */
  reply(op: Operation, fills: Array<[string[], unknown]> = []): Reply {
    const { status, body } = this.skeleton(op);
    if (body === undefined) return { status };
    let out = freshen(body);
    for (const [path, value] of fills) out = setAt(out, path, value);
    return { status, body: out };
  }
}

/** A copy of `target` with `value` at `path`, copying only the objects along the path. */
export function setAt(target: unknown, path: readonly string[], value: unknown, from = 0): unknown {
  if (from === path.length) return value;
  // By index, not by `[head, ...rest]`: a list answer lays several fills per request, and each rest was an array.
  const head = path[from]!;
  const base = typeof target === "object" && target !== null && !Array.isArray(target) ? (target as Record<string, unknown>) : {};
  return { ...base, [head]: setAt(base[head], path, value, from + 1) };
}

export function getAt(target: unknown, path: readonly string[]): unknown {
  let node = target;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** An envelope's per-answer fields are fresh on every answer: a new request ID, the current time. */
function freshen(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (typeof b.requestId !== "string" && typeof b.time !== "number") return body;
  const out = { ...b };
  if (typeof b.requestId === "string") out.requestId = b.requestId.includes("-") ? randomUUID() : randomHexId();
  if (typeof b.time === "number" && Number.isInteger(b.time)) out.time = b.time > 1e12 ? Date.now() : Math.floor(Date.now() / 1000);
  return out;
}

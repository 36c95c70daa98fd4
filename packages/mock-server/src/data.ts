import { loadSpecs, type SpecModel } from "@yeastar-openapi/spec-model";
import { generateObject, newPerson } from "./data/generate.js";
import { objectView, typeOf } from "./data/schema-utils.js";
import type { ApiName } from "./envelopes.js";
import { OVERRIDE_SETUPS } from "./overrides/index.js";
import { streamFor, type Rng } from "./random.js";
import { planOperations, type CollectionShape } from "./resources.js";

/** A record of a collection: an object shaped by the collection's schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- records are as varied as the spec's schemas
export type Item = Record<string, any>;

export interface DatasetOptions {
  /** Seed of the generated data. Default 1. */
  seed?: number;
  /** Records per collection. Default 50. */
  size?: number;
  /** Records of some collections, by name (the list's item schema, e.g. `{ YcmUser: 137 }`). */
  sizes?: Record<string, number>;
}

export interface Dataset {
  readonly seed: number;
  /** One array per collection (by item schema name), in the mock's default order: identifiers ascending. */
  readonly collections: Record<string, Item[]>;
}

export const DATASET_DEFAULTS = { seed: 1, size: 50 } as const;

/**
 * The mock's data, generated from the spec: one collection per list, seeded from its item schema. Pure and
 * deterministic: the same options always give the same records, so tests can compute what the server answers.
 */
export function createDataset(options: DatasetOptions = {}, models: Record<ApiName, SpecModel> = loadSpecs()): Dataset {
  return generateDataset(planOperations(models).collections, options);
}

export function generateDataset(collections: ReadonlyMap<string, CollectionShape>, options: DatasetOptions = {}): Dataset {
  const seed = checkCount(options.seed ?? DATASET_DEFAULTS.seed, "seed", 0xffffffff);
  const size = checkCount(options.size ?? DATASET_DEFAULTS.size, "size");
  for (const [name, n] of Object.entries(options.sizes ?? {})) {
    if (!collections.has(name)) throw new TypeError(`sizes.${name}: no such collection; known: ${[...collections.keys()].join(", ")}`);
    checkCount(n, `sizes.${name}`);
  }
  const out: Record<string, Item[]> = {};
  for (const c of collections.values()) {
    const count = options.sizes?.[c.name] ?? size;
    // One stream per collection, so resizing one does not reshuffle another.
    const rng = streamFor(seed, c.name);
    const ids = new IdAllocator(rng);
    out[c.name] = Array.from({ length: count }, (_, i) => newRecord(c, rng, ids, i + 1));
  }
  const dataset = { seed, collections: out };
  // Generated records reference each other at random; the override families make those references consistent.
  for (const setup of OVERRIDE_SETUPS) setup(dataset);
  return dataset;
}

/** The schema a collection's records follow: the list item's fields win over the detail schemas'. */
export function recordSchema(c: CollectionShape): Record<string, unknown> {
  return { allOf: [...c.schemas.slice(1), c.schemas[0]] };
}

export function newRecord(c: CollectionShape, rng: Rng, ids: IdAllocator, serial: number, given: Item = {}): Item {
  const fixed: Item = {};
  const view = objectView(recordSchema(c));
  for (const field of c.idFields) fixed[field] = ids.next(field, typeOf(view.properties[field] ?? {}) === "string");
  for (const [key, value] of Object.entries(given)) if (view.properties[key] !== undefined && !c.idFields.includes(key)) fixed[key] = value;
  return generateObject(recordSchema(c), { rng, person: newPerson(rng), serial, fixed });
}

/** Increasing identifiers with random gaps, one sequence per field, as a real database hands them out. */
export class IdAllocator {
  private readonly last = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  next(field: string, asString = false): number | string {
    const previous = this.last.get(field);
    const value = previous === undefined ? 10000 + this.rng.int(0, 700) : previous + this.rng.int(1, 97);
    this.last.set(field, value);
    return asString ? String(value) : value;
  }

  /** Continues after the largest value already in use (for records the caller supplied). */
  seen(field: string, value: unknown): void {
    const n = Number(value);
    if (Number.isSafeInteger(n) && n > (this.last.get(field) ?? -Infinity)) this.last.set(field, n);
  }
}

function checkCount(value: unknown, name: string, max = 1_000_000): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(`${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

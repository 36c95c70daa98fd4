import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, resolve } from "node:path";
import { SpecModel } from "./model.js";
import { isObject, type JsonObject } from "./pointer.js";

/** The APIs the spec package bundles, in the order it lists them. */
export const API_NAMES = ["ycm", "workplace"] as const;
export type ApiName = (typeof API_NAMES)[number];

export interface LoadOptions {
  /** The API's name; taken from the file name (`ycm.openapi.json` -> `ycm`) when omitted. */
  api?: string;
}

/** Where `@yeastar-openapi/spec` put an API's bundle (`spec/dist/<api>.openapi.json`). */
export function bundlePath(api: ApiName): string {
  if (!(API_NAMES as readonly string[]).includes(api)) throw new Error(`Unknown API ${JSON.stringify(api)}; known: ${API_NAMES.join(", ")}`);
  const id = `@yeastar-openapi/spec/${api}.json`;
  try {
    return createRequire(import.meta.url).resolve(id);
  } catch (error) {
    throw new Error(`Cannot find the bundled spec ${id} (${(error as Error).message}). Build it first: pnpm --filter @yeastar-openapi/spec build`);
  }
}

const cache = new Map<string, { mtimeMs: number; model: SpecModel }>();

/**
 * The model of one description: an API name (its bundle from the spec package), a path to a bundled JSON file
 * (e.g. a copy of the spec), or the bundled document itself. Files are read once per process (again only
 * when they change on disk).
 */
export function loadSpec(source: ApiName | string | JsonObject, options: LoadOptions = {}): SpecModel {
  if (isObject(source)) return new SpecModel(options.api ?? apiFromTitle(source), source);
  if (typeof source !== "string" || source === "") throw new TypeError("loadSpec() takes an API name, a bundle path or a bundle object");
  const file = (API_NAMES as readonly string[]).includes(source) ? bundlePath(source as ApiName) : resolve(source);
  const api = options.api ?? apiFromFile(file);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch (error) {
    throw new Error(`Cannot read the bundled spec ${file}: ${(error as Error).message}`);
  }
  const key = `${api}\0${file}`;
  const hit = cache.get(key);
  if (hit && hit.mtimeMs === mtimeMs) return hit.model;
  let document: JsonObject;
  try {
    document = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
  } catch (error) {
    throw new Error(`Cannot parse the bundled spec ${file}: ${(error as Error).message}`);
  }
  const model = new SpecModel(api, document);
  cache.set(key, { mtimeMs, model });
  return model;
}

/** Both APIs' models from the spec package's bundles. */
export function loadSpecs(): Record<ApiName, SpecModel> {
  return { ycm: loadSpec("ycm"), workplace: loadSpec("workplace") };
}

function apiFromFile(file: string): string {
  return basename(file).replace(/\.openapi\.json$|\.json$/i, "");
}

function apiFromTitle(doc: JsonObject): string {
  const title = isObject(doc.info) && typeof doc.info.title === "string" ? doc.info.title : "";
  return /workplace/i.test(title) ? "workplace" : /\bYCM\b|central management/i.test(title) ? "ycm" : "api";
}

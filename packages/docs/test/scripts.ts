// Typed views of the build scripts the tests call: they are plain ESM with no declarations, so
// their signatures are written down once here instead of `any` leaking into every test.
// @ts-expect-error: plain ESM script without type declarations
import * as samples from "../scripts/code-samples.mjs";
// @ts-expect-error: plain ESM script without type declarations
import * as meta from "../../client/scripts/generate-meta.mjs";
// @ts-expect-error: plain ESM script without type declarations
import * as chromium from "../../../scripts/chromium.mjs";
import type { Api } from "./pages.js";

/** A generated sample of one operation. */
export interface GeneratedSample {
  operationId: string;
  method: string;
  path: string;
  source: string;
}
/** A sample module to type-check. */
export interface SampleFile {
  operationId: string;
  file: string;
}
/** One compiler error in a sample. */
export interface SampleProblem {
  operationId: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}
/** What the client knows of an operation from the spec (packages/client/scripts/generate-meta.mjs). */
/** As packages/client/src/core/spec-meta.ts has it (the parts the tests read). */
export interface OperationMeta {
  noAuth?: true;
  pageParam?: string;
}

export const buildDir: string = samples.buildDir;
export const sampleLabel: string = samples.sampleLabel;
export const clientNames: (api: Api) => { factory: string; variable: string; envPrefix: string } = samples.clientNames;
export const codeSamples: (api: Api, doc: unknown) => GeneratedSample[] = samples.codeSamples;
export const sampleSource: (api: Api, doc: unknown, method: string, path: string) => string = samples.sampleSource;
export const typeCheckSamples: (files: SampleFile[]) => SampleProblem[] = samples.typeCheckSamples;
export const describeProblems: (problems: SampleProblem[]) => string = samples.describeProblems;
/** By method (upper case), then path. */
export const clientMeta: (doc: unknown) => { operations: Record<string, Record<string, OperationMeta>> } = meta.clientMeta;

/** The browser for the browser test, or what is wrong (scripts/chromium.mjs). */
export const findChromium: (env?: Record<string, string | undefined>, knownPaths?: string[]) => { path?: string; from?: string; problem?: string } =
  chromium.findChromium;

// @ts-expect-error: plain ESM script without type declarations
import * as curl from "../scripts/curl-samples.mjs";
export const curlLabel: string = curl.curlLabel;
export const curlLang: string = curl.curlLang;
export const curlSource: (api: Api, doc: unknown, method: string, path: string) => string = curl.curlSource;
export const curlEnv: (api: Api) => { baseUrl: string; accessToken: string; field: (name: string) => string } = curl.curlEnv;

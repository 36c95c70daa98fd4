/**
 * The routes' own parameter checks. They mirror the vendor's documented rules so the mock behaves the same with
 * `validate: false` (no spec); with validation on, the spec check runs first and these agree with it.
 */

/** Thrown by a route for a bad parameter; the server answers it in the API's INVALID_PARAMETER shape. */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    detail: string,
  ) {
    super(`${param} ${detail}`);
    this.name = "ParamError";
  }
}

export interface IntRule {
  default?: number;
  min?: number;
  max?: number;
}

/** Reads a decimal integer; a repeated parameter is refused rather than guessing which copy was meant. */
export function intParam(source: URLSearchParams, name: string, rule: IntRule & { default: number }): number;
export function intParam(source: URLSearchParams, name: string, rule?: IntRule): number | undefined;
export function intParam(source: URLSearchParams, name: string, rule: IntRule = {}): number | undefined {
  const raw = single(source, name);
  if (raw === undefined || raw === "") return rule.default;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw new ParamError(name, "must be an integer");
  return checkRange(name, Number(raw), rule);
}

export function intValue(name: string, raw: string, rule: IntRule = {}): number {
  if (!/^[+-]?\d+$/.test(raw)) throw new ParamError(name, "must be an integer");
  return checkRange(name, Number(raw), rule);
}

function checkRange(name: string, value: number, rule: IntRule): number {
  if (!Number.isSafeInteger(value)) throw new ParamError(name, "is out of range");
  if (rule.min !== undefined && value < rule.min) throw new ParamError(name, `must be >= ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw new ParamError(name, `must be <= ${rule.max}`);
  return value;
}

export function stringParam(source: URLSearchParams, name: string): string | undefined {
  return single(source, name);
}

export function requiredString(source: URLSearchParams, name: string): string {
  const value = single(source, name);
  if (value === undefined || value === "") throw new ParamError(name, "is required");
  return value;
}

function single(source: URLSearchParams, name: string): string | undefined {
  const all = source.getAll(name);
  if (all.length > 1) throw new ParamError(name, "must be given once");
  return all[0];
}

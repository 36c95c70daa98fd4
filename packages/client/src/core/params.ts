// Checks a call's query and path parameters against the limits the spec sets (generated into
// src/generated), before anything is sent: a wrong page size fails here with a clear message
// instead of as a vendor error code after a round trip.
import { YeastarInvalidRequestError } from "./errors.js";
import type { OperationMeta, ParamRule } from "./spec-meta.js";

type Params = { query?: Record<string, unknown> | undefined; path?: Record<string, unknown> | undefined } | undefined;

export function checkParams(api: string, op: OperationMeta, params: Params): void {
  for (const where of ["query", "path"] as const) {
    const given = params?.[where] ?? {};
    const rules = op.params.filter((rule) => rule.in === where);
    for (const name of Object.keys(given)) {
      if (!rules.some((rule) => rule.name === name)) {
        const known = rules.map((rule) => rule.name).join(", ") || "none";
        fail(api, op, `unknown ${where} parameter "${name}" (known: ${known})`);
      }
    }
    for (const rule of rules) {
      const value = given[rule.name];
      if (value === undefined || value === null) {
        if (rule.required) fail(api, op, `missing required ${where} parameter "${rule.name}"`);
        continue;
      }
      const problem = checkValue(rule, value);
      if (problem) fail(api, op, `${where} parameter "${rule.name}" ${problem}`);
    }
  }
}

function checkValue(rule: ParamRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return `must be a whole number, got ${show(value)}`;
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return `must be a number, got ${show(value)}`;
      break;
    case "string":
      if (typeof value !== "string") return `must be a string, got ${show(value)}`;
      break;
    case "boolean":
      if (typeof value !== "boolean") return `must be true or false, got ${show(value)}`;
      break;
  }
  if (typeof value === "number") {
    if (rule.minimum !== undefined && value < rule.minimum) return `must be at least ${rule.minimum}, got ${value}`;
    if (rule.maximum !== undefined && value > rule.maximum) return `must be at most ${rule.maximum}, got ${value}`;
  }
  if (typeof value === "string" && rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    return `must match ${rule.pattern}, got ${show(value)}`;
  }
  if (rule.enum && !rule.enum.includes(value as string | number)) {
    return `must be one of ${rule.enum.map(show).join(", ")}, got ${show(value)}`;
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(value);
}

function fail(api: string, op: OperationMeta, message: string): never {
  throw new YeastarInvalidRequestError(`${api} ${op.method} ${op.path}: ${message}`);
}

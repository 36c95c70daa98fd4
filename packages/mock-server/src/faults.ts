import type { ApiName } from "./envelopes.js";

/** Which requests a fault sees, and for how long it acts. */
export interface FaultScope {
  /** An operationId, or `*` (the default) for every operation the fault kind applies to. */
  operationId?: string;
  /** Let the first `after` matching requests through untouched. */
  after?: number;
  /** Act on this many matching requests (after the skipped ones), then stop. Unlimited when omitted. */
  times?: number;
}

export type Fault = FaultScope &
  (
    | { kind: "latency"; ms: number }
    | { kind: "status"; status: 429 | 500 | 502 | 503; retryAfter?: number }
    | { kind: "ycmError"; code: number; httpStatus?: number; retryAfter?: number }
    | { kind: "html"; status?: number }
    | { kind: "malformedJson" }
    | { kind: "drop" }
    | { kind: "failedEnvelope" }
    | { kind: "tokenExpired" }
    | { kind: "growingTotal" }
    | { kind: "repeatPage" }
  );

export type FaultKind = Fault["kind"];

export interface FaultHandle {
  readonly fault: Readonly<Fault>;
  /** Matching requests the fault has seen (including skipped ones, and ones another fault answered). */
  readonly seen: number;
  /** Requests it acted on. */
  readonly applied: number;
  /** Stops the fault; later requests are not affected by it. */
  remove(): void;
}

/** What the faults decided for one request. */
export interface FaultDecision {
  latencyMs: number;
  /** The fault that replaces the normal answer, if any (the first in injection order wins). */
  respond?: Fault;
  /** Paging misbehaviour to apply on top of a normal list answer. */
  growingTotal?: number;
  repeatPage?: boolean;
}

export interface OperationInfo {
  api: ApiName;
  /** List operations are the only ones paging faults make sense for. */
  paged: boolean;
}

const KIND_KEYS: Record<FaultKind, { required: string[]; optional: string[] }> = {
  latency: { required: ["ms"], optional: [] },
  status: { required: ["status"], optional: ["retryAfter"] },
  ycmError: { required: ["code"], optional: ["httpStatus", "retryAfter"] },
  html: { required: [], optional: ["status"] },
  malformedJson: { required: [], optional: [] },
  drop: { required: [], optional: [] },
  failedEnvelope: { required: [], optional: [] },
  tokenExpired: { required: [], optional: [] },
  growingTotal: { required: [], optional: [] },
  repeatPage: { required: [], optional: [] },
};
const SCOPE_KEYS = ["kind", "operationId", "after", "times"];
const INJECTABLE_STATUSES = [429, 500, 502, 503];

class ActiveFault implements FaultHandle {
  seen = 0;
  applied = 0;
  removed = false;

  constructor(
    readonly fault: Readonly<Fault>,
    private readonly onRemove: (f: ActiveFault) => void,
  ) {}

  /** Counts a matching request; true when the request falls in the fault's after/times window. */
  offer(): boolean {
    this.seen++;
    if (this.seen <= (this.fault.after ?? 0)) return false;
    return this.fault.times === undefined || this.applied < this.fault.times;
  }

  remove(): void {
    this.removed = true;
    this.onRemove(this);
  }
}

export class FaultEngine {
  private active: ActiveFault[] = [];

  constructor(private readonly operations: ReadonlyMap<string, OperationInfo>) {}

  inject(input: Fault): FaultHandle {
    const fault = this.check(input);
    const handle = new ActiveFault(fault, (f) => {
      this.active = this.active.filter((a) => a !== f);
    });
    this.active.push(handle);
    return handle;
  }

  clear(): void {
    for (const f of this.active) f.removed = true;
    this.active = [];
  }

  /**
   * Every matching fault counts the request for its `after`, but only faults that act use up their `times`:
   * latency and paging faults all act, while only the first response fault (in injection order) answers, so
   * "502 once" then "503 once" gives a 502 and then a 503.
   */
  evaluate(operationId: string): FaultDecision {
    const op = this.operations.get(operationId);
    const decision: FaultDecision = { latencyMs: 0 };
    if (!op || this.active.length === 0) return decision;
    for (const f of [...this.active]) {
      if (!this.matches(f.fault, operationId, op) || !f.offer()) continue;
      switch (f.fault.kind) {
        case "latency":
          f.applied++;
          decision.latencyMs += f.fault.ms;
          break;
        case "growingTotal":
          f.applied++;
          decision.growingTotal = (decision.growingTotal ?? 0) + f.applied;
          break;
        case "repeatPage":
          f.applied++;
          decision.repeatPage = true;
          break;
        default:
          if (!decision.respond) {
            f.applied++;
            decision.respond = f.fault;
          }
      }
    }
    return decision;
  }

  private matches(fault: Fault, operationId: string, op: OperationInfo): boolean {
    const target = fault.operationId ?? "*";
    if (target !== "*" && target !== operationId) return false;
    if (fault.kind === "ycmError" && op.api !== "ycm") return false;
    if ((fault.kind === "growingTotal" || fault.kind === "repeatPage") && !op.paged) return false;
    return true;
  }

  /** Faults are test inputs: a typo must fail the test at once instead of silently never firing. */
  private check(input: Fault): Fault {
    if (typeof input !== "object" || input === null) throw new TypeError("A fault must be an object with a `kind`.");
    const raw = input as unknown as Record<string, unknown>;
    const kind = raw.kind as FaultKind;
    const keys = KIND_KEYS[kind];
    if (!keys) {
      throw new TypeError(`Unknown fault kind ${JSON.stringify(raw.kind)}; known kinds: ${Object.keys(KIND_KEYS).join(", ")}.`);
    }
    for (const key of Object.keys(raw)) {
      if (!SCOPE_KEYS.includes(key) && !keys.required.includes(key) && !keys.optional.includes(key)) {
        throw new TypeError(`Fault "${kind}" has an unknown field "${key}".`);
      }
    }
    for (const key of keys.required) {
      if (raw[key] === undefined) throw new TypeError(`Fault "${kind}" needs "${key}".`);
    }
    const target = raw.operationId ?? "*";
    if (typeof target !== "string" || (target !== "*" && !this.operations.has(target))) {
      throw new TypeError(`Fault "${kind}": unknown operationId ${JSON.stringify(target)}; known: ${[...this.operations.keys()].join(", ")}, or "*".`);
    }
    const op = target === "*" ? undefined : this.operations.get(target);
    if (kind === "ycmError" && op && op.api !== "ycm") throw new TypeError(`Fault "ycmError" only applies to YCM operations, not ${target}.`);
    if ((kind === "growingTotal" || kind === "repeatPage") && op && !op.paged) {
      throw new TypeError(`Fault "${kind}" only applies to list operations, not ${target}.`);
    }
    nonNegativeInt(raw, "after", kind);
    nonNegativeInt(raw, "times", kind);
    nonNegativeInt(raw, "ms", kind);
    nonNegativeInt(raw, "retryAfter", kind);
    if (kind === "status" && !INJECTABLE_STATUSES.includes(raw.status as number)) {
      throw new TypeError(`Fault "status": status must be one of ${INJECTABLE_STATUSES.join(", ")}, got ${String(raw.status)}.`);
    }
    if (kind === "ycmError" && (!Number.isInteger(raw.code) || (raw.code as number) <= 0)) {
      throw new TypeError(`Fault "ycmError": code must be a positive integer, got ${String(raw.code)}.`);
    }
    for (const key of ["httpStatus", "status"] as const) {
      if (kind !== "status" && raw[key] !== undefined && !isHttpStatus(raw[key], kind === "ycmError" ? 200 : 400)) {
        throw new TypeError(`Fault "${kind}": ${key} must be an HTTP status, got ${String(raw[key])}.`);
      }
    }
    return Object.freeze({ ...input });
  }
}

function isHttpStatus(value: unknown, min: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= 599;
}

function nonNegativeInt(raw: Record<string, unknown>, key: string, kind: string): void {
  const value = raw[key];
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) {
    throw new TypeError(`Fault "${kind}": ${key} must be a non-negative integer, got ${String(value)}.`);
  }
}

import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Item } from "../data.js";
import type { Reply } from "../envelopes.js";
import { collectionOf } from "../overrides/workplace-model.js";
import type { CallContext, Handler, MockState } from "../state.js";
import { EMITTED, meetingData, type Emission } from "./emitters.js";

/**
 * Workplace's time-driven events: "when a meeting reaches its start time and no one has checked in" and "when a
 * meeting reaches its end time and no one has checked out" (the vendor's event pages). No call causes them, so the
 * meetings that calls book or change get timers: one for the start, one for the end, re-armed after every call that
 * can change a meeting's times or state (the table below, keyed by operationId) and cleared when the meeting is gone
 * or the server closes. Timers are unref'd: a mock left running never keeps a process alive for them.
 */

/** Only meetings due within this long get a timer; later ones are looked at again once per horizon (one timer). */
export const MEETING_CLOCK_HORIZON_MS = 24 * 60 * 60 * 1000;

type Kind = "start" | "end";

/** The time (Unix ms on the mock's clock) a meeting's check is due at, or undefined when none is due any more. */
function dueAt(m: Item, kind: Kind): number | undefined {
  if (typeof m.endedTime === "number") return undefined; // checked out: neither event
  if (kind === "start") return typeof m.checkedInTime === "number" || typeof m.startTime !== "number" ? undefined : m.startTime * 1000;
  return typeof m.endTime === "number" ? m.endTime * 1000 : undefined;
}

export interface MeetingClockDeps {
  model: SpecModel;
  state: Pick<MockState, "dataset" | "now">;
  emit(emissions: readonly Emission[]): void;
  fail(what: string, error: unknown): void;
  horizonMs?: number;
}

export class MeetingClock {
  /** The meetings booked through the API, by ID (seeded meetings get no timers: see the README). */
  private readonly tracked = new Set<string>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private sweep: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly horizon: number;

  constructor(private readonly d: MeetingClockDeps) {
    this.horizon = d.horizonMs ?? MEETING_CLOCK_HORIZON_MS;
  }

  /** Timers now armed (start and end checks, plus the horizon sweep): for tests and diagnostics. */
  get pending(): number {
    return this.timers.size + (this.sweep ? 1 : 0);
  }

  private meetings(): Item[] {
    return this.d.state.dataset.collections[collectionOf(this.d.model, "listWorkplaceMeetings")] ?? [];
  }

  /** Start tracking these meetings (just booked) and arm their checks. */
  track(meetingIds: Iterable<string>): void {
    for (const id of meetingIds) this.tracked.add(id);
    this.sync();
  }

  /** Brings every tracked meeting's timers in line with its record: re-armed when its times moved, cleared when gone. */
  sync(): void {
    if (this.closed) return;
    const byId = new Map(this.meetings().map((m) => [m.meetingId as string, m]));
    const now = this.d.state.now();
    let beyond = false;
    for (const id of [...this.tracked]) {
      const m = byId.get(id);
      if (!m) this.tracked.delete(id);
      for (const kind of ["start", "end"] as const) {
        const at = m && dueAt(m, kind);
        const key = `${id} ${kind}`;
        const armed = this.timers.get(key);
        const wanted = at !== undefined && at > now && at - now <= this.horizon;
        if (at !== undefined && at - now > this.horizon) beyond = true;
        if (armed && (!wanted || armed.at !== at)) {
          clearTimeout(armed.timer);
          this.timers.delete(key);
        }
        if (wanted && this.timers.get(key)?.at !== at) this.arm(key, id, kind, at, now);
      }
    }
    // Meetings beyond the horizon: one timer looks at them again a horizon later.
    if (beyond && !this.sweep) {
      this.sweep = setTimeout(() => {
        this.sweep = undefined;
        this.sync();
      }, this.horizon).unref();
    } else if (!beyond && this.sweep) {
      clearTimeout(this.sweep);
      this.sweep = undefined;
    }
  }

  private arm(key: string, id: string, kind: Kind, at: number, now: number): void {
    // Capped: a `now` clock moved back by hand must not overflow setTimeout (at most ~24.8 days).
    const timer = setTimeout(() => this.fire(key, id, kind, at), Math.min(at - now, this.horizon)).unref();
    this.timers.set(key, { at, timer });
  }

  private fire(key: string, id: string, kind: Kind, at: number): void {
    this.timers.delete(key);
    if (this.closed) return;
    try {
      const now = this.d.state.now();
      // The mock's clock (the `now` option) may disagree with the timer: wait for it to reach the time.
      if (now < at) return this.arm(key, id, kind, at, now);
      const m = this.meetings().find((x) => x.meetingId === id);
      // Checked in or out since, or its times moved (sync re-armed it): nothing to say now.
      if (!m || dueAt(m, kind) !== at) return;
      const eventType = kind === "start" ? EMITTED.reachedStart : EMITTED.reachedEnd;
      this.d.emit([{ api: "workplace", eventType, data: meetingData(this.d.state, this.d.model, m) }]);
      if (kind === "end") this.tracked.delete(id);
    } catch (error) {
      this.d.fail(`the ${kind} check of meeting ${id}`, error);
    }
  }

  /** Clears every timer; nothing fires after this. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.sweep) clearTimeout(this.sweep);
    this.sweep = undefined;
    this.tracked.clear();
  }
}

// ---- Which calls arm or re-arm the checks, by operationId ----------------------------------------------------------

const meetingIds = (ctx: Pick<CallContext, "state">, model: SpecModel): string[] =>
  (ctx.state.dataset.collections[collectionOf(model, "listWorkplaceMeetings")] ?? []).map((m) => m.meetingId as string);

/** A booking tracks the meetings it created; the other calls may move times, check in or out, or remove meetings. */
const book = {
  before: (ctx: CallContext, model: SpecModel): Set<string> => new Set(meetingIds(ctx, model)),
  after: (clock: MeetingClock, ctx: CallContext, model: SpecModel, before: Set<string>): void =>
    clock.track(meetingIds(ctx, model).filter((id) => !before.has(id))),
};
const resync = { after: (clock: MeetingClock): void => clock.sync() };

export const MEETING_CLOCK_OPERATIONS: Readonly<Record<string, { before?: (ctx: CallContext, model: SpecModel) => any; after: (clock: MeetingClock, ctx: CallContext, model: SpecModel, before: any) => void }>> = {
  createWorkplaceMeeting: book,
  updateWorkplaceMeeting: resync,
  extendWorkplaceMeeting: resync,
  endWorkplaceMeeting: resync,
  checkInWorkplaceMeeting: resync,
  deleteWorkplaceMeeting: resync,
  deleteWorkplaceMeetingRoom: resync,
};

/** The operation's handler, plus the meeting checks its table entry arms after a successful (2xx) answer. */
export function withMeetingClock(operationId: string, handler: Handler, model: SpecModel): Handler {
  const entry = MEETING_CLOCK_OPERATIONS[operationId];
  if (!entry) return handler;
  return (ctx) => {
    const clock = ctx.state.meetingClock;
    if (!clock) return handler(ctx);
    // A failure here is a bug of the mock's: logged, and the call is answered as usual.
    const fail = (error: unknown): void => ctx.state.webhooks?.fail(operationId, error);
    let before: unknown;
    try {
      before = entry.before?.(ctx, model);
    } catch (error) {
      fail(error);
      return handler(ctx);
    }
    const reply: Reply = handler(ctx);
    if (reply.status >= 200 && reply.status < 300) {
      try {
        entry.after(clock, ctx, model, before);
      } catch (error) {
        fail(error);
      }
    }
    return reply;
  };
}

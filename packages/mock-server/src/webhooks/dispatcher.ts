import { createHmac } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { ApiName } from "../envelopes.js";
import type { ResponseValidationError } from "../handler.js";
import type { MockLogEvent } from "../options.js";
import type { SpecValidator } from "../validate.js";
import type { Emission } from "./emitters.js";
import { shownUrl, type ResolvedWebhookOptions, type YcmWebhookTarget } from "./options.js";
import { webhookOf, workplacePayload, ycmPayload } from "./payloads.js";

/**
 * Delivers the events the API calls cause, the way the products do: YCM signs each push with the target's secret
 * (`X-Signature`: Base64 HMAC-SHA256 over the exact bytes sent); Workplace waits 60 s for an answer and sends a
 * failed event (non-2xx, timeout, connection error) three more times at increasing intervals. Deliveries run in
 * the background: an API call never waits for them and never fails because of them.
 */

/** One attempt to deliver one event (never the secret, never a query string). */
export interface WebhookDelivery {
  api: ApiName;
  /** The webhook: YCM's key under the spec's `webhooks` (`pceDidChange`), Workplace's `eventType`. */
  event: string;
  /** Workplace's `eventId` (the same on every attempt of one event); YCM pushes carry none. */
  eventId?: string;
  /** The target, without query string or user info (a callback URI may carry a secret there). */
  url: string;
  /** 1 for the first attempt, 2 to 4 for Workplace's retries. */
  attempt: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without an answer: a timeout, a connection error, the mock closing, a payload that broke the spec. */
  error?: string;
  /** Whether the receiver accepted it (a 2xx answer). */
  ok: boolean;
  /** When the attempt started (Unix milliseconds, real clock). */
  time: number;
  durationMs: number;
}

export interface DispatcherDeps {
  webhooks: ResolvedWebhookOptions;
  models: Record<ApiName, SpecModel>;
  validator: SpecValidator | undefined;
  validationErrors: ResponseValidationError[];
  log: (event: MockLogEvent) => void;
  /** The mock's clock (event times). */
  now: () => number;
  /** Which Workplace event types are subscribed to (`subscribeWorkplaceEvents`); undefined before any subscription. */
  subscribed: () => readonly string[] | undefined;
  /** Aborted by close(): stops retries and in-flight requests. */
  signal: AbortSignal;
}

interface Target {
  url: string;
  secret?: string;
  /** Each event's first attempt starts after the previous one's ended, so a receiver sees events in order. */
  queue: Promise<void>;
}

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly ycm: Target[];
  private readonly workplace: Target | undefined;

  constructor(private readonly d: DispatcherDeps) {
    this.ycm = d.webhooks.ycm.map((t: YcmWebhookTarget) => ({ url: t.url, secret: t.secret, queue: Promise.resolve() }));
    this.workplace = d.webhooks.workplace && { url: d.webhooks.workplace.callbackUri, queue: Promise.resolve() };
  }

  /** Whether any target is configured (without one, calls take no snapshot for events). */
  get active(): boolean {
    return this.ycm.length > 0 || this.workplace !== undefined;
  }

  /** An event that could not be built: a bug of the mock, logged; the call that caused it is answered as usual. */
  fail(operationId: string, error: unknown): void {
    this.d.log({ level: "error", message: `BUG: the webhook events of ${operationId} failed: ${(error as Error).stack ?? String(error)}`, operationId });
  }

  /** Builds, checks and queues the payloads of what a call caused. */
  emit(emissions: readonly Emission[]): void {
    for (const e of emissions) {
      if (this.d.signal.aborted) return;
      if (e.api === "ycm") {
        if (!this.ycm.length) continue;
        const payload = ycmPayload(this.d.models.ycm, e.webhook, e.elements);
        if (!this.valid("ycm", e.webhook, payload)) continue;
        // One body for every webhook; each signature with that webhook's secret.
        const bytes = Buffer.from(JSON.stringify(payload));
        for (const target of this.ycm) this.enqueue(target, { api: "ycm", event: e.webhook, bytes, retries: [] });
      } else {
        if (!this.workplace || !this.d.subscribed()?.includes(e.eventType)) continue;
        this.sendWorkplace(e.eventType, e.data);
      }
    }
  }

  /** WEBHOOK_TEST, as the admin portal's Test button sends it (no subscription needed). Returns its eventId. */
  sendTest(): string {
    if (!this.workplace) throw new Error("No Workplace callback URI is configured (option workplaceCallbackUri): there is nowhere to send WEBHOOK_TEST");
    if (this.d.signal.aborted) throw new Error("The mock server is closed");
    return this.sendWorkplace("WEBHOOK_TEST", undefined) ?? "";
  }

  /** Resolves once every delivery, retries included, has ended. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private sendWorkplace(eventType: string, data: Record<string, unknown> | undefined): string | undefined {
    const payload = workplacePayload(this.d.models.workplace, eventType, data, this.d.now());
    if (!this.valid("workplace", eventType, payload)) return undefined;
    const eventId = payload.eventId as string;
    this.enqueue(this.workplace!, { api: "workplace", event: eventType, eventId, bytes: Buffer.from(JSON.stringify(payload)), retries: this.d.webhooks.retryDelaysMs });
    return eventId;
  }

  /** A payload that breaks the spec is a bug of the mock: recorded with the response errors, logged, not sent. */
  private valid(api: ApiName, key: string, payload: unknown): boolean {
    const hook = webhookOf(this.d.models[api], key);
    const errors = this.d.validator?.checkWebhook(api, hook.operationId, payload);
    if (!errors) return true;
    this.d.validationErrors.push({ operationId: hook.operationId, api, method: "POST", path: `webhook ${key}`, status: 0, errors });
    this.d.log({ level: "error", message: `BUG: the mock's ${key} webhook payload breaks the spec: ${errors.join("; ")}`, operationId: hook.operationId });
    return false;
  }

  private enqueue(target: Target, job: Job): void {
    const first = target.queue.then(() => this.attempt(target, job, 1));
    // A delivery that failed unexpectedly must not hold up the events queued behind it.
    const settled = (error: unknown): void => this.fail(`webhook ${job.event}`, error);
    target.queue = first.then(() => undefined, settled);
    const whole = first.then((ok) => (ok ? undefined : this.retry(target, job, 2))).catch(() => undefined);
    this.pending.add(whole);
    void whole.finally(() => this.pending.delete(whole));
  }

  private async retry(target: Target, job: Job, attempt: number): Promise<void> {
    const wait = job.retries[attempt - 2];
    if (wait === undefined || this.d.signal.aborted) return;
    if (!(await this.sleep(wait))) return;
    if (!(await this.attempt(target, job, attempt))) return this.retry(target, job, attempt + 1);
  }

  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.d.signal.aborted) return resolve(false);
      const done = (value: boolean): void => {
        clearTimeout(timer);
        this.d.signal.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onAbort = (): void => done(false);
      const timer = setTimeout(() => done(true), ms);
      this.d.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** One POST; true when the receiver answered 2xx. */
  private async attempt(target: Target, job: Job, attempt: number): Promise<boolean> {
    if (this.d.signal.aborted) return true;
    const started = Date.now();
    const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(job.bytes.length) };
    if (target.secret !== undefined) headers["x-signature"] = createHmac("sha256", target.secret).update(job.bytes).digest("base64");
    const result = await post(target.url, headers, job.bytes, this.d.webhooks.timeoutMs, this.d.signal);
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const entry: WebhookDelivery = {
      api: job.api,
      event: job.event,
      ...(job.eventId ? { eventId: job.eventId } : {}),
      url: shownUrl(target.url),
      attempt,
      ...(result.status !== undefined ? { status: result.status } : { error: result.error }),
      ok,
      time: started,
      durationMs: Date.now() - started,
    };
    this.deliveries.push(entry);
    if (!this.d.signal.aborted) {
      this.d.log({ level: ok ? "info" : "warn", message: `webhook ${job.event} -> ${entry.url}: ${result.status !== undefined ? `HTTP ${result.status}` : result.error} (attempt ${attempt})` });
    }
    return ok;
  }
}

interface Job {
  api: ApiName;
  event: string;
  eventId?: string;
  bytes: Buffer;
  /** Waits before each retry; empty: no retry (YCM's retries are not documented). */
  retries: readonly number[];
}

/** POSTs the bytes; never rejects. No connection is pooled, so nothing is left open after close(). */
function post(url: string, headers: Record<string, string>, bytes: Buffer, timeoutMs: number, signal: AbortSignal): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { status?: number; error?: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const request = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = request(url, { method: "POST", headers, agent: false }, (res: IncomingMessage) => {
      res.on("error", () => undefined);
      // The answer's body is not read for anything; draining it lets the socket close.
      res.resume();
      res.on("end", () => finish({ status: res.statusCode ?? 0 }));
      res.on("close", () => finish({ status: res.statusCode ?? 0 }));
    });
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = (): void => {
      finish({ error: "cancelled: the mock server closed" });
      req.destroy();
    };
    signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error: NodeJS.ErrnoException) => finish({ error: `connection failed (${error.code ?? "error"})` }));
    req.end(bytes);
  });
}

#!/usr/bin/env node
// The client's hooks as OpenTelemetry spans: one span per attempt (the token grant included),
// named after the spec's operationId, with the HTTP method, URL template, redacted URL, status,
// resend count and Yeastar's requestId as attributes. An attempt that is retried ends with the
// error that caused the retry; a failed call ends with its error. The spans go to an in-memory
// exporter and are printed at the end, one JSON line each: swap the exporter for your own
// (OTLP, Jaeger, ...) and the rest stays as it is.
//
//   node otel-spans.mjs
//
// Runs against the local mock server unless YCM_CLIENT_ID and YCM_CLIENT_SECRET are set.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createHooks } from "@yeastar-openapi/client/hooks";
import { connectYcm } from "./lib/connect.mjs";
import { run, UsageError } from "./lib/run.mjs";

/**
 * Hooks that open a span when an attempt starts and end it when the attempt ends.
 * @param {import("@opentelemetry/api").Tracer} tracer
 */
export function spanHooks(tracer) {
  /** The open span of each request, by the events' requestNumber. @type {Map<number, import("@opentelemetry/api").Span>} */
  const open = new Map();

  /** @param {import("@yeastar-openapi/client/hooks").YeastarHookEvent} event */
  function start(event) {
    const span = tracer.startSpan(event.operationId ?? `${event.method} ${event.path}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        "http.request.method": event.method,
        "url.template": event.path,
        "url.full": event.url,
        "yeastar.api": event.api,
        ...(event.operationId && { "yeastar.operation_id": event.operationId }),
        ...(event.attempt > 1 && { "http.request.resend_count": event.attempt - 1 }),
      },
    });
    open.set(event.requestNumber, span);
    return span;
  }

  /**
   * @param {import("@yeastar-openapi/client/hooks").YeastarHookEvent} event
   * @param {{ status?: number, requestId?: string, error?: unknown, endTime?: number }} outcome
   */
  function end(event, { status, requestId, error, endTime }) {
    // A call that failed before any attempt (aborted, no token) has no open span: it gets one now.
    const span = open.get(event.requestNumber) ?? start(event);
    open.delete(event.requestNumber);
    if (status !== undefined) span.setAttribute("http.response.status_code", status);
    if (requestId) span.setAttribute("yeastar.request_id", requestId);
    if (error) {
      const name = error instanceof Error ? error.name : typeof error;
      span.setAttribute("error.type", name);
      // The client's messages carry no secret (no header, query string or body).
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : name });
    }
    span.end(endTime);
  }

  return createHooks({
    request: start,
    response: (event) => end(event, event),
    // Told as the next attempt starts: the failed one ended delayMs ago.
    retry: (event) => end(event, { ...event, endTime: Date.now() - event.delayMs }),
    error: (event) => end(event, event),
  });
}

run(async (args) => {
  if (args.length > 0) throw new UsageError("Usage: node otel-spans.mjs   (no arguments)");
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("yeastar-openapi-examples");
  const ycm = await connectYcm(process.env, { hooks: spanHooks(tracer) });
  try {
    console.error(`Tracing calls to ${ycm.target}`);
    // A walk of three pages, one user, and a user that does not exist (its span ends in error).
    let users = 0;
    for await (const page of ycm.client.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 50 } } }).pages()) users += page.items.length;
    console.error(`listed ${users} users`);
    const first = (await ycm.client.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 1 } } })).data.data.list[0];
    if (first) await ycm.client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: first.userId } } });
    await ycm.client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } }).catch(() => console.error("user 1: not found, as expected"));
  } finally {
    await ycm.close();
  }
  await provider.forceFlush();
  for (const span of exporter.getFinishedSpans()) {
    const [seconds, nanos] = span.duration;
    console.log(
      JSON.stringify({
        name: span.name,
        status: SpanStatusCode[span.status.code],
        durationMs: Math.round((seconds * 1e3 + nanos / 1e6) * 10) / 10,
        attributes: span.attributes,
      }),
    );
  }
  await provider.shutdown();
});

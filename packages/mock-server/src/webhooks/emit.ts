import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Handler } from "../state.js";
import { EMITTERS } from "./emitters.js";

/**
 * The operation's handler, plus the webhook events its table entry says a successful call causes. Events are
 * handed to the dispatcher, which delivers them in the background; a failure there never changes the answer.
 */
export function withWebhookEvents(operationId: string, handler: Handler, model: SpecModel): Handler {
  const emitter = EMITTERS[operationId];
  if (!emitter) return handler;
  return (ctx) => {
    const sink = ctx.state.webhooks;
    // Nowhere to send: no snapshot of the records either.
    if (!sink?.active) return handler(ctx);
    let before: unknown;
    try {
      before = emitter.before?.(ctx, model);
    } catch (error) {
      sink.fail(operationId, error);
      return handler(ctx);
    }
    const reply = handler(ctx);
    if (reply.status >= 200 && reply.status < 300) {
      try {
        sink.emit(emitter.after(ctx, before, model, reply));
      } catch (error) {
        sink.fail(operationId, error);
      }
    }
    return reply;
  };
}

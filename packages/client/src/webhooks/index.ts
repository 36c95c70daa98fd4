// @yeastar-openapi/client/webhooks: receiving YCM and Workplace webhooks. Its own entry point, so an
// app that only calls the APIs does not carry it (and the core entry never imports it).
export { verifyYcmWebhook, parseYcmWebhook, YCM_SIGNATURE_HEADER, type YcmWebhookInput, type ParseYcmWebhookInput } from "./ycm.js";
export {
  parseWorkplaceWebhook,
  checkCallbackSecret,
  isWorkplaceWebhookEventType,
  WORKPLACE_WEBHOOK_EVENT_TYPES,
  type CallbackSecretOptions,
} from "./workplace.js";
export { memoryDeliveryStore, type DeliveryStore, type MemoryDeliveryStoreOptions } from "./delivery-store.js";
export { createWebhookHandler, createNodeWebhookHandler, type WebhookHandler, type NodeWebhookHandler } from "./handler.js";
export type { WebhookHandlerOptions, YcmWebhookHandlerOptions, WorkplaceWebhookHandlerOptions } from "./options.js";
export { YeastarWebhookError, type YeastarWebhookErrorCode, type WebhookApi } from "./errors.js";
export type { WebhookBody } from "./body.js";
export type {
  YcmWebhookName,
  YcmWebhookPayloads,
  YcmWebhookEvent,
  WorkplaceWebhookEventType,
  WorkplaceWebhookPayloads,
  WorkplaceWebhookEvent,
  WebhookPayloads,
} from "./types.js";

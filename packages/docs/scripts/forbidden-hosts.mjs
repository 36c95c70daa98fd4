// Hosts that must not appear anywhere in a built page of the API reference: Redoc's CDNs, its
// telemetry, analytics and font/script CDNs. One list for the build's own final scan
// (build.mjs) and for the docs tests.
export const FORBIDDEN_HOSTS = [
  "cdn.redoc.ly",
  "cdn.redocly.com",
  "otel.cloud.redocly.com",
  "google-analytics.com",
  "googletagmanager.com",
  "segment.io",
  "segment.com",
  "hotjar.com",
  "mixpanel.com",
  "sentry.io",
  "plausible.io",
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "unpkg.com",
  "jsdelivr.net",
];

// Whose account a command talks to, and where: `--profile`, else the environment (the variables
// the examples and the docs' samples use: YCM_CLIENT_ID, YCM_CLIENT_SECRET, YCM_BASE_URL,
// YCM_ACCESS_TOKEN, and WORKPLACE_...), else the "default" profile of `yeastar login`. The host:
// `--base-url`, else `--region` (Workplace's servers in the spec), else the profile's or the
// environment's, else the spec's first server.
import type { SpecModel } from "@yeastar-openapi/spec-model";
import { UsageError } from "./exit.js";
import { type ApiName, DEFAULT_PROFILE, readProfiles } from "./profiles.js";

export type Auth = { clientId: string; clientSecret: string } | { accessToken: string };

export interface Target {
  api: ApiName;
  /** undefined: the client's default, the spec's first server. */
  baseUrl: string | undefined;
  auth: Auth;
  /** Where the credentials came from, for --verbose (never the credentials themselves). */
  source: string;
}

export interface TargetOptions {
  profile?: string | undefined;
  baseUrl?: string | undefined;
  region?: string | undefined;
}

/** The environment variables' prefix of an API: YCM, WORKPLACE (as in examples/lib/connect.mjs). */
export const envPrefix = (api: ApiName): string => api.toUpperCase();

/**
 * The regions a description's servers name: the first server is the default, and each other
 * server whose host starts with a short label (`eu.workplace.yeastar.com`) is that region.
 */
export function regionsOf(model: SpecModel): Record<string, string> {
  const servers = Array.isArray(model.document.servers) ? (model.document.servers as { url?: unknown }[]) : [];
  const regions: Record<string, string> = {};
  for (const server of servers.slice(1)) {
    if (typeof server.url !== "string" || server.url.includes("{")) continue;
    const label = /^https?:\/\/([a-z]{2,3})\./.exec(server.url)?.[1];
    if (label) regions[label] = server.url;
  }
  return regions;
}

/** The host to call, from the flags, then `fallback` (a profile's or the environment's). */
export function baseUrlFor(model: SpecModel, options: TargetOptions, fallback: string | undefined): string | undefined {
  if (options.baseUrl && options.region) throw new UsageError("pass --base-url or --region, not both");
  if (options.baseUrl) return options.baseUrl;
  if (options.region) {
    const regions = regionsOf(model);
    const url = regions[options.region];
    if (!url) {
      const known = Object.keys(regions);
      throw new UsageError(
        known.length
          ? `--region ${options.region}: ${model.api} knows the regions ${known.join(", ")} (or omit --region for ${model.defaultServerUrl})`
          : `--region: ${model.api} has no regions; use --base-url for another host`,
      );
    }
    return url;
  }
  return fallback;
}

/** The credentials and host for `api`, or a usage error saying how to provide them. */
export function resolveTarget(model: SpecModel, options: TargetOptions, env: NodeJS.ProcessEnv, warn: (line: string) => void): Target {
  const api = model.api as ApiName;
  const prefix = envPrefix(api);
  if (options.profile !== undefined) return fromProfile(model, options.profile, options, env, warn, true)!;
  const clientId = env[`${prefix}_CLIENT_ID`] || undefined;
  const clientSecret = env[`${prefix}_CLIENT_SECRET`] || undefined;
  const accessToken = env[`${prefix}_ACCESS_TOKEN`] || undefined;
  const envBase = env[`${prefix}_BASE_URL`] || undefined;
  if (clientId || clientSecret) {
    if (!clientId || !clientSecret) {
      const missing = !clientId ? `${prefix}_CLIENT_ID` : `${prefix}_CLIENT_SECRET`;
      throw new UsageError(`${missing} is not set: set both ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET, or neither`);
    }
    return { api, baseUrl: baseUrlFor(model, options, envBase), auth: { clientId, clientSecret }, source: `${prefix}_CLIENT_ID/${prefix}_CLIENT_SECRET` };
  }
  if (accessToken) return { api, baseUrl: baseUrlFor(model, options, envBase), auth: { accessToken }, source: `${prefix}_ACCESS_TOKEN` };
  const fallback = fromProfile(model, DEFAULT_PROFILE, options, env, warn, false);
  if (fallback) return fallback;
  throw new UsageError(
    `no ${api} credentials: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET (or ${prefix}_ACCESS_TOKEN), ` +
      `run "yeastar login ${api}", or add --mock to try the command against a local mock server`,
  );
}

function fromProfile(model: SpecModel, name: string, options: TargetOptions, env: NodeJS.ProcessEnv, warn: (line: string) => void, required: boolean): Target | undefined {
  const api = model.api as ApiName;
  const profiles = readProfiles(env, warn);
  const saved = Object.hasOwn(profiles, name) ? profiles[name]?.[api] : undefined;
  if (!saved) {
    if (!required) return undefined;
    throw new UsageError(`profile "${name}" has no ${api} credentials; run "yeastar login ${api} --profile ${name}"`);
  }
  if (typeof saved.clientId !== "string" || typeof saved.clientSecret !== "string") {
    throw new UsageError(`profile "${name}" has incomplete ${api} credentials; run "yeastar login ${api} --profile ${name}" again`);
  }
  return {
    api,
    baseUrl: baseUrlFor(model, options, saved.baseUrl),
    auth: { clientId: saved.clientId, clientSecret: saved.clientSecret },
    source: `profile "${name}"`,
  };
}

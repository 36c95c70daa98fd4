import type { paths } from "@yeastar-openapi/types/workplace";
import { createApiClient } from "../core/client.js";
import type { ExactPaths, LongOf } from "../core/exact-types.js";
import { YeastarInvalidRequestError } from "../core/errors.js";
import type { YeastarClientOptions } from "../core/options.js";
import type { ManagedPaths, YeastarClient } from "../core/types.js";
import { workplaceSpec } from "../generated/workplace.js";
import { workplaceProduct } from "./product.js";

export type WorkplacePaths = ManagedPaths<paths>;
/** The Workplace client; `L` is what a Long beyond 2^53 is in exact mode (the `int64` option), never by default. */
export type WorkplaceClient<L = never> = YeastarClient<ExactPaths<WorkplacePaths, L>>;
/** The regions the spec's servers name (`x-yeastar-region`). */
export type WorkplaceRegion = keyof typeof workplaceSpec.regions;
export type WorkplaceClientOptions = YeastarClientOptions & {
  /**
   * Where the account is registered: `"global"` (https://workplace.yeastar.com, the default) or
   * `"eu"` (https://eu.workplace.yeastar.com). The hosts come from the spec's servers.
   */
  region?: WorkplaceRegion;
};

/**
 * A typed client for Yeastar Workplace. `baseUrl` defaults to https://workplace.yeastar.com;
 * accounts registered in Europe pass `region: "eu"` (https://eu.workplace.yeastar.com).
 */
export function createWorkplaceClient<const O extends WorkplaceClientOptions>(options: O): WorkplaceClient<LongOf<O>> {
  return createApiClient(workplaceProduct, withRegion(options)) as WorkplaceClient<LongOf<O>>;
}

/** The options with `region` turned into the `baseUrl` the spec gives it. */
function withRegion(options: WorkplaceClientOptions): YeastarClientOptions {
  if (typeof options !== "object" || options === null || !("region" in options)) return options;
  const { region, ...rest } = options;
  if (region === undefined) return rest;
  const regions: Record<string, string> = workplaceSpec.regions;
  const host = typeof region === "string" && Object.hasOwn(regions, region) ? regions[region] : undefined;
  if (!host) {
    throw new YeastarInvalidRequestError(`Workplace client: region must be one of ${Object.keys(regions).map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(region) ?? String(region)}`);
  }
  // A baseUrl as well is accepted only when it is that region's host (a trailing slash aside).
  if (rest.baseUrl !== undefined && (typeof rest.baseUrl !== "string" || rest.baseUrl.replace(/\/+$/, "") !== host)) {
    throw new YeastarInvalidRequestError(`Workplace client: region "${region}" means baseUrl ${host}; pass region or baseUrl, not both`);
  }
  return { ...rest, baseUrl: host };
}

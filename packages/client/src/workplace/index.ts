import type { paths } from "@yeastar-openapi/types/workplace";
import { createApiClient } from "../core/client.js";
import type { YeastarClientOptions } from "../core/options.js";
import type { ManagedPaths, YeastarClient } from "../core/types.js";
import { workplaceProduct } from "./product.js";

export type WorkplacePaths = ManagedPaths<paths>;
export type WorkplaceClient = YeastarClient<WorkplacePaths>;
export type WorkplaceClientOptions = YeastarClientOptions;

/**
 * A typed client for Yeastar Workplace. `baseUrl` defaults to https://workplace.yeastar.com
 * (accounts registered in Europe use https://eu.workplace.yeastar.com).
 */
export function createWorkplaceClient(options: WorkplaceClientOptions): WorkplaceClient {
  return createApiClient(workplaceProduct, options) as WorkplaceClient;
}

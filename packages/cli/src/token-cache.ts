// Tokens kept between invocations, so a script running `yeastar` a hundred times asks for one
// token, not a hundred (and does not spend a YCM refresh token per call). One file per API, host
// and Client ID under $XDG_CACHE_HOME/yeastar/tokens (0600): the name is a hash, never the secret.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { YeastarTokenStore } from "@yeastar-openapi/client";
import { fileTokenStore } from "@yeastar-openapi/client/token-store-file";
import { cacheDir } from "./profiles.js";

/** Where the tokens of one API, host and Client ID are cached. */
export function tokenCachePath(env: NodeJS.ProcessEnv, api: string, baseUrl: string, clientId: string): string {
  const key = createHash("sha256").update(`${api}\n${baseUrl}\n${clientId}`).digest("hex").slice(0, 32);
  return join(cacheDir(env), "tokens", `${api}-${key}.json`);
}

/**
 * The one place the CLI makes its token store: the client's file token store (atomic 0600
 * writes, and a lock so that parallel invocations share one refresh instead of each spending a
 * YCM refresh token).
 */
export function tokenStoreFor(path: string): YeastarTokenStore {
  return fileTokenStore({ path });
}

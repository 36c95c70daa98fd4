// Which Yeastar an example talks to. With credentials in the environment it is your own account;
// without them, a local mock server started in this process, so every example runs offline with
// no account. The choice lives here once, so each example reads as plain client code.
import { createWorkplaceClient, createYcmClient } from "@yeastar-openapi/client";
import { UsageError } from "./run.mjs";

/**
 * @template Client
 * @typedef {object} Connection
 * @property {Client} client The typed client.
 * @property {string} target Where requests go, for a status line (never a credential).
 * @property {() => Promise<void>} close Stops the mock server, when one was started.
 */

// Examples identify themselves; YCM rejects requests without a User-Agent.
const USER_AGENT = "yeastar-openapi-examples";

/**
 * A YCM client: your YCM when YCM_CLIENT_ID and YCM_CLIENT_SECRET are set (YCM_BASE_URL for a
 * domain other than https://ycm.yeastar.com), otherwise the local mock server.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {Partial<import("@yeastar-openapi/client").YcmClientOptions>} [options] More client options (`hooks`, `maxRetries`...).
 * @returns {Promise<Connection<import("@yeastar-openapi/client").YcmClient>>}
 */
export async function connectYcm(env = process.env, options = {}) {
  const own = credentialsFrom(env, "YCM");
  if (own) {
    const client = createYcmClient({ ...own, userAgent: USER_AGENT, ...options });
    return { client, target: `YCM at ${own.baseUrl ?? "https://ycm.yeastar.com"}`, close: async () => {} };
  }
  const mock = await startMock();
  const client = createYcmClient({ baseUrl: mock.url, ...mock.credentials.ycm, userAgent: USER_AGENT, ...options });
  return { client, target: mockTarget(mock.url, "YCM"), close: () => mock.close() };
}

/**
 * A Workplace client: your account when WORKPLACE_CLIENT_ID and WORKPLACE_CLIENT_SECRET are set
 * (WORKPLACE_BASE_URL=https://eu.workplace.yeastar.com for accounts registered in Europe),
 * otherwise the local mock server.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<Connection<import("@yeastar-openapi/client").WorkplaceClient>>}
 */
export async function connectWorkplace(env = process.env) {
  const own = credentialsFrom(env, "WORKPLACE");
  if (own) {
    const client = createWorkplaceClient({ ...own, userAgent: USER_AGENT });
    return { client, target: `Workplace at ${own.baseUrl ?? "https://workplace.yeastar.com"}`, close: async () => {} };
  }
  const mock = await startMock();
  const client = createWorkplaceClient({ baseUrl: mock.url, ...mock.credentials.workplace, userAgent: USER_AGENT });
  return { client, target: mockTarget(mock.url, "WORKPLACE"), close: () => mock.close() };
}

/**
 * The credentials set in the environment under `<prefix>_CLIENT_ID` etc., or undefined when none
 * is. Half a set is a mistake worth stopping for: silently using the mock would hide it.
 * @param {NodeJS.ProcessEnv} env
 * @param {"YCM" | "WORKPLACE"} prefix
 * @returns {{ clientId: string, clientSecret: string, baseUrl?: string } | undefined}
 */
function credentialsFrom(env, prefix) {
  const clientId = env[`${prefix}_CLIENT_ID`] || undefined;
  const clientSecret = env[`${prefix}_CLIENT_SECRET`] || undefined;
  const baseUrl = env[`${prefix}_BASE_URL`] || undefined;
  if (!clientId && !clientSecret && !baseUrl) return undefined;
  if (!clientId || !clientSecret) {
    const missing = [!clientId && `${prefix}_CLIENT_ID`, !clientSecret && `${prefix}_CLIENT_SECRET`].filter(Boolean).join(" and ");
    throw new UsageError(
      `${missing} ${missing.includes(" and ") ? "are" : "is"} not set: set both ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET ` +
        `to call your account, or none of the ${prefix}_* variables to use the local mock server.`,
    );
  }
  return baseUrl ? { clientId, clientSecret, baseUrl } : { clientId, clientSecret };
}

// Loaded only when needed: calling your own account does not load the mock and its validator.
async function startMock() {
  const { startMockServer } = await import("@yeastar-openapi/mock-server");
  return startMockServer({ collections: MOCK_COLLECTIONS });
}

/** The examples' mock account: a mid-sized one, so listing takes several pages. */
export const MOCK_COLLECTIONS = { YcmUser: 137, YcmSubordinate: 23, WorkplaceUser: 61, WorkplaceMeetingRoom: 8, WorkplaceMeeting: 30 };

/** @param {string} url @param {"YCM" | "WORKPLACE"} prefix */
function mockTarget(url, prefix) {
  return `the local mock server at ${url} (demo data; set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET to call your account)`;
}

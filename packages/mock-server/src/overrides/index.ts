import type { Override, OverrideSetup, Prepare } from "../state.js";
import { TOKEN_OVERRIDES } from "./tokens.js";
import { WORKPLACE_INTEGRATION_OVERRIDES } from "./workplace-integration.js";
import { WORKPLACE_MEETING_OVERRIDES, prepareWorkplaceMeetings } from "./workplace-meetings.js";
import { WORKPLACE_USER_GROUP_OVERRIDES, prepareWorkplaceUserGroups } from "./workplace-user-groups.js";
import { YCM_CLOUD_PBX_OVERRIDES } from "./ycm-cloud-pbxs.js";
import { YCM_DID_NUMBER_OVERRIDES, YCM_DID_NUMBER_SETUP } from "./ycm-did-numbers.js";
import { YCM_GROUP_OVERRIDES } from "./ycm-groups.js";
import { YCM_TRUNK_ACCESS_OVERRIDES } from "./ycm-trunk-access.js";
import { YCM_USER_OVERRIDES } from "./ycm-users.js";

/** Behaviour the spec cannot express, by operationId. Every key must name an operation of the spec. */
export const OVERRIDES: Readonly<Record<string, Override>> = {
  ...TOKEN_OVERRIDES,
  ...YCM_CLOUD_PBX_OVERRIDES,
  ...YCM_DID_NUMBER_OVERRIDES,
  ...YCM_GROUP_OVERRIDES,
  ...YCM_TRUNK_ACCESS_OVERRIDES,
  ...YCM_USER_OVERRIDES,
  ...WORKPLACE_MEETING_OVERRIDES,
  ...WORKPLACE_USER_GROUP_OVERRIDES,
  ...WORKPLACE_INTEGRATION_OVERRIDES,
};

/** Run on generated data (by `createDataset` too, so tests can compute what the mock serves). */
export const OVERRIDE_SETUPS: readonly OverrideSetup[] = [YCM_DID_NUMBER_SETUP];

/** Run once on generated data, in this order, before the server listens. */
export const PREPARE: readonly Prepare[] = [prepareWorkplaceUserGroups, prepareWorkplaceMeetings];

/**
 * Operations whose answer depends on the mock's records and clock (a booking, a check-in, a group's members), so a
 * call built from the spec's examples alone may be refused; their lifecycle tests show the successes.
 */
export const STATEFUL_OPERATIONS: readonly string[] = Object.keys({ ...WORKPLACE_MEETING_OVERRIDES, ...WORKPLACE_USER_GROUP_OVERRIDES });

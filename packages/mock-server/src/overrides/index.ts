import type { Override, OverrideSetup } from "../state.js";
import { TOKEN_OVERRIDES } from "./tokens.js";
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
};

/** Run on generated data (by `createDataset` too, so tests can compute what the mock serves). */
export const OVERRIDE_SETUPS: readonly OverrideSetup[] = [YCM_DID_NUMBER_SETUP];

import type { Override, OverrideSetup } from "../state.js";
import { TOKEN_OVERRIDES } from "./tokens.js";
import { YCM_CLOUD_PBX_OVERRIDES, YCM_CLOUD_PBX_SETUP } from "./ycm-cloud-pbxs.js";
import { YCM_DID_NUMBER_OVERRIDES, YCM_DID_NUMBER_SETUP } from "./ycm-did-numbers.js";
import { YCM_TRUNK_ACCESS_OVERRIDES } from "./ycm-trunk-access.js";
import { YCM_USER_OVERRIDES } from "./ycm-users.js";

/** Behaviour the spec cannot express, by operationId. Every key must name an operation of the spec. */
export const OVERRIDES: Readonly<Record<string, Override>> = {
  ...TOKEN_OVERRIDES,
  ...YCM_CLOUD_PBX_OVERRIDES,
  ...YCM_DID_NUMBER_OVERRIDES,
  ...YCM_TRUNK_ACCESS_OVERRIDES,
  ...YCM_USER_OVERRIDES,
};

/** Run once on generated data, in this order, before the mock serves it. */
export const OVERRIDE_SETUPS: readonly OverrideSetup[] = [YCM_CLOUD_PBX_SETUP, YCM_DID_NUMBER_SETUP];

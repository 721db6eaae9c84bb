/**
 * The English catalogue: the union of one file per area. Each area file exports a frozen
 * `as const` object of `"area.name": "text with {placeholders}"`, so keys are typed and a
 * second language can be checked key for key against this one.
 */
import { bandwidthMessages } from "./bandwidth.js";
import { commonMessages } from "./common.js";
import { configMessages } from "./config.js";
import { remoteMessages } from "./remote.js";
import { settingsMessages } from "./settings.js";
import { signInMessages } from "./sign-in.js";

export const en = Object.freeze({
  ...commonMessages,
  ...bandwidthMessages,
  ...configMessages,
  ...remoteMessages,
  ...settingsMessages,
  ...signInMessages,
} as const);

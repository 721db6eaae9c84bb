/**
 * The English catalogue: the union of one file per area. Each area file exports a frozen
 * `as const` object of `"area.name": "text with {placeholders}"`, so keys are typed and a
 * second language (`ja/`) is checked key for key against this one.
 */
import { commonMessages } from "./common.js";
import { errorsMessages } from "./errors.js";
import { formatMessages } from "./format.js";

export const en = Object.freeze({
  ...commonMessages,
  ...errorsMessages,
  ...formatMessages,
} as const);

/**
 * The Japanese catalogue: the same areas and keys as `en/` (a missing key is a type error here;
 * test/unit/i18n-catalogue.test.ts also checks extra keys and the placeholders). The words
 * follow docs/ja/glossary.md.
 */
import type { MessageKey } from "../message.js";
import { commonMessages } from "./common.js";
import { errorsMessages } from "./errors.js";
import { formatMessages } from "./format.js";

export const ja = Object.freeze({
  ...commonMessages,
  ...errorsMessages,
  ...formatMessages,
} as const satisfies Record<MessageKey, string>);

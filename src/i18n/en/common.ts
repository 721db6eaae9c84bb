/** Words and phrases shared by several areas. */
export const commonMessages = {
  "common.seeDocs": "See {doc}.",
} as const;

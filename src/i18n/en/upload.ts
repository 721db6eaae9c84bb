/** `junmai-sync upload`. */
export const uploadMessages = {
  "upload.listUnreadable": "The list of paths {file} (--from-file) cannot be read.",
} as const;

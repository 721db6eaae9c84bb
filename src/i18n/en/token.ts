/** `junmai-sync token` and `junmai-sync notify`. */
export const tokenMessages = {
  "token.description": "Print the API token the dashboard and API ask for (created on first use).",
  "token.option.url": "print the dashboard's address with the token, to open in a browser",
} as const;

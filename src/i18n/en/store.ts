/** The queue database's own failures (SQLite or PostgreSQL) and the data directory it lives in. */
export const storeMessages = {
  "store.unreachable": "The queue database {where} cannot be reached.",
  "store.busy": "The queue database {where} was busy; try again.",
  "store.loginRefused": "The queue database {where} refused the login.",
  "store.loginHint": "Check the user in the connection URL and the password (PGPASSWORD or ~/.pgpass).",
  "store.noDatabase": "The database named in {where} does not exist.",
  "store.noDatabaseHint": "Create it (`createdb NAME`) or fix the database name in the connection URL.",
  "store.failed": "The queue database {where} failed: {detail}",
  "store.stayedLocked": "The queue database {file} stayed locked by another process.",
  "store.notWritable": "The queue database {file} cannot be opened for writing.",
  "store.dataDirNotCreated": "The data directory {path} cannot be created.",
} as const;

/** One daemon per data directory (src/app/daemon-lock.ts). */
export const daemonLockMessages = {
  "daemonLock.held": "another junmai-sync daemon (pid {pid}, since {since}) already uses {dataDir}",
  "daemonLock.heldWithDashboard":
    "another junmai-sync daemon (pid {pid}, since {since}, dashboard {dashboard}) already uses {dataDir}",
  "daemonLock.heldElsewhere":
    "another junmai-sync daemon (pid {pid} on {host}, since {since}) already uses {dataDir}",
  "daemonLock.heldElsewhereHint":
    "If that computer no longer runs it, delete {file}; each computer of a studio should have its own data directory.",
  "daemonLock.readOnly":
    "The data directory {dataDir} is read-only for user {user}: the daemon cannot take its lock there.",
  "daemonLock.cannotCreate": "The daemon cannot create its lock file in the data directory {dataDir}.",
  "daemonLock.unreadable": "The daemon's lock file {file} cannot be read.",
  "daemonLock.contended": "The daemon's lock file {file} keeps changing; another daemon is starting there.",
} as const;

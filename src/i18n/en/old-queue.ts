/** The per-user queue of earlier versions, found beside the embedded default's ./var/data. */
export const oldQueueMessages = {
  "oldQueue.found":
    "An older queue in {dataDir} still holds {open} unfinished job(s); this checkout now keeps its queue in {current}.",
  "oldQueue.finish":
    'To finish them there: junmai-sync --data-dir "{dataDir}" daemon (stop it once `status` shows none open).',
  "oldQueue.move":
    'Or move that queue here while no daemon runs: move "{dataDir}/queue.db" (and queue.db-wal, queue.db-shm) into "{current}".',
} as const;

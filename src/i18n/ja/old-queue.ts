import type { oldQueueMessages as en } from "../en/old-queue.js";

export const oldQueueMessages = {
  "oldQueue.found":
    "{dataDir} の古いキューに、終わっていないジョブが {open} 件残っています。このフォルダーではキューを {current} に置くようになりました。",
  "oldQueue.finish":
    'そちらで終わらせるには: junmai-sync --data-dir "{dataDir}" daemon（`status` で残りがなくなったら止めてください）。',
  "oldQueue.move":
    'または、デーモンが動いていないときにそのキューをこちらへ移してください: "{dataDir}/queue.db"（と queue.db-wal、queue.db-shm）を "{current}" に移動します。',
} as const satisfies Record<keyof typeof en, string>;

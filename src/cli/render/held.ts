/**
 * `upload --wait` stops at once when every open job of its batch waits for a destination that
 * needs attention (app/held-batch.ts): waiting longer cannot help, a person must act.
 */
import type { HeldBy } from "../../app/held-batch.js";
import type { SyncService } from "../../app/sync-service.js";
import type { Translator } from "../../i18n/translator.js";
import { errorLines } from "./format.js";

const CHECK_EVERY_MS = 500;

/** Polls until the batch is held (then calls `onHeld` once) or `stop` is called. */
export function watchHeld(
  service: SyncService,
  batchId: number,
  since: number,
  onHeld: (held: HeldBy[]) => void,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const held = await service.batchHeldBy(batchId, since).catch(() => null);
    if (stopped) return;
    if (held !== null) {
      stopped = true;
      onHeld(held);
      return;
    }
    timer = setTimeout(() => void tick(), CHECK_EVERY_MS);
  };
  timer = setTimeout(() => void tick(), CHECK_EVERY_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export function heldLines(tr: Translator, batchId: number, held: readonly HeldBy[]): string[] {
  const lines = [tr.t("faults.heldByAttention", { batch: batchId })];
  for (const { destination, reason } of held) {
    lines.push(`  ${destination}:`, ...errorLines(tr, reason, "    "));
  }
  return lines;
}

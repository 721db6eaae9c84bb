/** The daemon's and `watch`'s lines about watched folders. */
import type { WatchNotice } from "../../watch/folder-watcher.js";
import type { Colors } from "./format.js";

export function watchNoticeLines(notice: WatchNotice, colors: Colors): string[] {
  const { rule } = notice;
  const to = rule.destinations.join(", ");
  switch (notice.type) {
    case "ready":
      return [
        `watching ${rule.root} → ${to}${notice.files > 0 ? ` (${notice.files} ${notice.files === 1 ? "file" : "files"} found; queuing those not yet delivered)` : ""}`,
      ];
    case "queued": {
      const { result } = notice;
      const lines = result.rejected.map(
        (rejected) =>
          `${colors.yellow("warning")} ${rejected.code}: ${rejected.message} Not queued: ${rejected.path}`,
      );
      if (result.queued > 0 && result.batch !== null) {
        const name = result.batch.name === null ? "" : ` "${result.batch.name}"`;
        lines.push(
          `queued ${result.queued} ${result.queued === 1 ? "job" : "jobs"} → batch ${result.batch.id}${name}`,
        );
      }
      return lines;
    }
    case "caughtUp":
      if (notice.queued + notice.known === 0) return [];
      return [
        `caught up on ${rule.root}: ${notice.queued} ${notice.queued === 1 ? "job" : "jobs"} queued, ${notice.known} already queued or delivered`,
      ];
    case "missing":
      return [
        `${colors.yellow("warning")} watch folder ${rule.root} is missing; watching resumes as soon as it is back.`,
      ];
    case "back":
      return [`watch folder ${rule.root} is back; catching up on its files`];
    case "problem":
      return [`${colors.yellow("warning")} ${notice.message}`];
  }
}

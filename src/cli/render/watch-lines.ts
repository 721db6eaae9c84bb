/** The daemon's and `watch`'s lines about watched folders. */

import type { Translator } from "../../i18n/translator.js";
import type { WatchNotice } from "../../watch/folder-watcher.js";
import type { Colors } from "./format.js";

export function watchNoticeLines(notice: WatchNotice, colors: Colors, tr: Translator): string[] {
  const { rule } = notice;
  const to = rule.destinations.join(", ");
  const warning = colors.yellow(tr.t("cli.warningLabel"));
  switch (notice.type) {
    case "ready":
      return [
        notice.files > 0
          ? tr.plural("watch.readyFound", notice.files, { root: rule.root, to })
          : tr.t("watch.ready", { root: rule.root, to }),
      ];
    case "queued": {
      const { result } = notice;
      const lines = result.rejected.map(
        (rejected) =>
          `${warning} ${tr.t("watch.rejected", { code: rejected.code, message: rejected.message, path: rejected.path })}`,
      );
      if (result.queued > 0 && result.batch !== null) {
        const name = result.batch.name === null ? "" : ` "${result.batch.name}"`;
        lines.push(tr.plural("watch.queued", result.queued, { batch: `${result.batch.id}${name}` }));
      }
      return lines;
    }
    case "caughtUp":
      if (notice.queued + notice.known === 0) return [];
      return [tr.plural("watch.caughtUp", notice.queued, { root: rule.root, known: notice.known })];
    case "missing":
      return [`${warning} ${tr.t("watch.missing", { root: rule.root })}`];
    case "back":
      return [tr.t("watch.back", { root: rule.root })];
    case "problem":
      return [`${warning} ${notice.message}`];
  }
}

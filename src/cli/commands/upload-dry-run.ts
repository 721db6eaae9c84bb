/** `upload --dry-run`: where each file would go at each destination, and as what; nothing is queued. */
import type { SyncService, UploadOptions } from "../../app/sync-service.js";
import { type CommandContext, printJson } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { renditionLine } from "../render/rendition.js";

export async function dryRun(
  context: CommandContext,
  service: SyncService,
  paths: readonly string[],
  options: UploadOptions,
  json: boolean | undefined,
): Promise<number> {
  const planned = await service.planUpload(paths, options);
  if (json) {
    printJson(context, { dryRun: true, planned });
    return EXIT.OK;
  }
  const destinations = [...new Set(planned.map((entry) => entry.destination))];
  const files = new Set(planned.map((entry) => entry.sourcePath)).size;
  const { tr } = context;
  context.out.write(`${tr.t("rendition.dryRunHeader", { files, destinations: destinations.join(", ") })}\n`);
  for (const entry of planned) {
    const what = entry.missing
      ? tr.t("rendition.dryRunMissing", { source: entry.sourcePath })
      : renditionLine(entry.rendition, tr);
    context.out.write(
      `  ${tr.t("rendition.dryRunLine", { source: entry.sourcePath, destination: entry.destination, remote: entry.remotePath, what })}\n`,
    );
  }
  return EXIT.OK;
}

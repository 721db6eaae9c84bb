/** `remote test` output: one line per step, ✓ or ✗, with the hint for a failure. */
import type { ProbeStepName, RemoteTestResult } from "../../app/remote-test.js";
import type { Translator } from "../../i18n/translator.js";
import { type Colors, errorLines, padEndColumns } from "./format.js";

export function remoteTestLines(result: RemoteTestResult, colors: Colors, tr: Translator): string[] {
  const verdict = tr.t(result.ok ? "remote.test.works" : "remote.test.fails", {
    name: result.name,
    ms: result.latencyMs,
  });
  const lines = [`${result.ok ? colors.green("✓") : colors.red("✗")} ${verdict}`];
  for (const step of result.steps) {
    const mark = step.ok ? colors.green("✓") : colors.red("✗");
    lines.push(
      `  ${mark} ${padEndColumns(stepName(tr, step.step), 9)} ${String(step.ms).padStart(5)} ms${step.detail === null ? "" : `  ${step.detail}`}`,
    );
    if (step.error !== null) lines.push(...errorLines(tr, step.error, "      "));
  }
  if (result.ok) {
    lines.push(`  ${tr.t("remote.test.verifiedBy", { how: result.verifiedBy })}`);
    const { space } = result;
    if (space !== null && space.freeBytes !== null) {
      lines.push(
        `  ${
          space.totalBytes === null
            ? tr.t("remote.test.free", { free: tr.bytes(space.freeBytes) })
            : tr.t("remote.test.freeOf", {
                free: tr.bytes(space.freeBytes),
                total: tr.bytes(space.totalBytes),
              })
        }`,
      );
    }
  }
  return lines;
}

function stepName(tr: Translator, step: ProbeStepName): string {
  switch (step) {
    case "connect":
      return tr.t("remote.step.connect");
    case "write":
      return tr.t("remote.step.write");
    case "read back":
      return tr.t("remote.step.readBack");
    case "delete":
      return tr.t("remote.step.delete");
    case "space":
      return tr.t("remote.step.space");
  }
}

/** A refused config file as lines: why, and where (key, line and column when known). */
import type { ConfigFault } from "../../app/config-fault.js";
import type { Translator } from "../../i18n/translator.js";

/** The refusal and where it is: key, line and column when known. */
export function faultLines(tr: Translator, fault: ConfigFault): string[] {
  const lines = [tr.t("config.refused", { message: fault.message })];
  if (fault.line !== null && fault.column !== null) {
    lines.push(
      fault.key === null
        ? tr.t("config.refusedAtLine", { line: fault.line, column: fault.column, file: fault.file })
        : tr.t("config.refusedAt", {
            key: fault.key,
            line: fault.line,
            column: fault.column,
            file: fault.file,
          }),
    );
  }
  if (fault.hint !== "") lines.push(`hint: ${fault.hint}`);
  return lines;
}

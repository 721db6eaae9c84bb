/** `remote test` output: one line per step, ✓ or ✗, with the hint for a failure. */
import type { RemoteTestResult } from "../../app/remote-test.js";
import { type Colors, errorLines, formatBytes } from "./format.js";

export function remoteTestLines(result: RemoteTestResult, colors: Colors): string[] {
  const lines = [
    `${result.ok ? colors.green("✓") : colors.red("✗")} ${result.name}: ${result.ok ? "works" : "does not work"} (latency ${result.latencyMs} ms)`,
  ];
  for (const step of result.steps) {
    const mark = step.ok ? colors.green("✓") : colors.red("✗");
    lines.push(
      `  ${mark} ${step.step.padEnd(9)} ${String(step.ms).padStart(5)} ms${step.detail === null ? "" : `  ${step.detail}`}`,
    );
    if (step.error !== null) lines.push(...errorLines(step.error, "      "));
  }
  if (result.ok) {
    lines.push(`  uploads are verified by ${result.verifiedBy}`);
    const { space } = result;
    if (space !== null && space.freeBytes !== null) {
      const total = space.totalBytes === null ? "" : ` of ${formatBytes(space.totalBytes)}`;
      lines.push(`  free space ${formatBytes(space.freeBytes)}${total}`);
    }
  }
  return lines;
}

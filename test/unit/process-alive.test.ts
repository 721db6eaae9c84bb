/** isProcessAlive: a zombie (exited, never reaped — an orphan in a container) counts as gone. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/platform/process.js";
import { stopProcess } from "../fixtures/processes.js";
import { eventually } from "../fixtures/wait.js";

describe("isProcessAlive", () => {
  // Only Linux tells a zombie apart (through /proc); elsewhere an unreaped child still counts.
  it.skipIf(process.platform !== "linux")(
    "is true for a running process and false for one that exited, even before it is reaped",
    async () => {
      expect(isProcessAlive(process.pid)).toBe(true);
      // `sleep 3` takes the shell's place and never waits for its child: the child stays a zombie.
      const parent = spawn("sh", ["-c", "sleep 0.05 & echo $!; exec sleep 3"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      try {
        const printed = await new Promise<string>((resolve) =>
          parent.stdout.once("data", (data) => resolve(String(data))),
        );
        const child = Number(printed);
        expect(Number.isInteger(child)).toBe(true);
        const zombie = () => readFileSync(`/proc/${child}/stat`, "utf8").includes(") Z ");
        await eventually(() => (zombie() ? true : undefined), 5_000, 10);
        expect(isProcessAlive(child)).toBe(false);
        expect(isProcessAlive(parent.pid as number)).toBe(true);
      } finally {
        await stopProcess(parent, "SIGKILL");
      }
    },
  );
});

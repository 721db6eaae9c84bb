import { describe, expect, it } from "vitest";
import { isLoopCommand } from "../../src/cli/loop-command.js";

describe("which bundle bin.ts loads", () => {
  it("finds the command after the global options and their values", () => {
    expect(isLoopCommand(["daemon"])).toBe(true);
    expect(isLoopCommand(["--config", "daemon.json", "-d", "/data", "watch", "--poll"])).toBe(true);
    expect(isLoopCommand(["--log-level", "debug", "upload", "daemon"])).toBe(false);
    expect(isLoopCommand(["--config=watch", "status"])).toBe(false);
    expect(isLoopCommand(["--help"])).toBe(false);
  });
});

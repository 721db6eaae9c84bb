import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCliLog, LOG_FILE } from "../../src/cli/log-sinks.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("the daemon's log file", () => {
  it("keeps info and above as JSON lines, secrets redacted in fields and messages", () => {
    const dir = makeTempDir();
    const log = createCliLog("silent");
    const file = log.attachFile(dir);
    expect(file).toBe(path.join(dir, LOG_FILE));
    log.logger.debug({ step: 1 }, "too chatty for the file");
    log.logger.info({ rclone: ":webdav,url='http://127.0.0.1:1',user=me,pass=0bscur3d:" }, "rclone said");
    log.logger.warn(
      { nested: { detail: "sftp pass=hunter2 refused" } },
      "login failed with password=hunter2",
    );
    log.close();
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.msg)).toEqual(["rclone said", expect.stringContaining("login failed")]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("0bscur3d");
    expect(text).not.toContain("hunter2");
    expect(lines[0]).toMatchObject({ level: 30, pid: process.pid });
  });

  it("rotates a file that has grown past the limit, keeping the older ones numbered", () => {
    const dir = makeTempDir();
    const file = path.join(dir, LOG_FILE);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "x".repeat(2_000));
    writeFileSync(`${file}.1`, "older");
    const log = createCliLog("silent", { rotateBytes: 1_000 });
    log.attachFile(dir);
    log.logger.info({}, "fresh start");
    log.close();
    expect(readFileSync(`${file}.1`, "utf8")).toBe("x".repeat(2_000));
    expect(readFileSync(`${file}.2`, "utf8")).toBe("older");
    expect(readFileSync(file, "utf8")).toContain("fresh start");
    expect(existsSync(`${file}.3`)).toBe(false);
  });
});

/**
 * The config file's watcher: a change (written in place or replaced by rename) is reported
 * once with the new text; a write of the same text is not a change; the poll, the safety net
 * for file systems without events, finds a change by the file's metadata alone.
 */
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigWatcher } from "../../src/config/config-watcher.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const watchers: ConfigWatcher[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.close();
});

function watchConfig(file: string, options: { settleMs?: number; pollMs?: number } = {}) {
  const seen: Array<string | undefined> = [];
  watchers.push(new ConfigWatcher({ configPath: file, onChange: (text) => seen.push(text), ...options }));
  return seen;
}

describe("config watcher", () => {
  it("reports a replaced file once, and nothing for the same text written again", async () => {
    const dir = makeTempDir("junmai-config-watch-");
    const file = path.join(dir, "config.json");
    writeFileSync(file, '{"a":1}');
    const seen = watchConfig(file, { settleMs: 50 });
    writeFileSync(`${file}.tmp`, '{"a":2}');
    renameSync(`${file}.tmp`, file);
    await eventually(() => (seen.length === 1 ? true : undefined));
    expect(seen).toEqual(['{"a":2}']);
    writeFileSync(file, '{"a":2}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual(['{"a":2}']);
  });

  it("the poll finds a change by its metadata when no event comes in time", async () => {
    const dir = makeTempDir("junmai-config-watch-");
    const file = path.join(dir, "config.json");
    writeFileSync(file, '{"b":1}');
    // Events settle only after a minute here: what arrives sooner came through the poll.
    const seen = watchConfig(file, { settleMs: 60_000, pollMs: 50 });
    writeFileSync(file, '{"b":22}');
    await eventually(() => (seen.length === 1 ? true : undefined));
    expect(seen).toEqual(['{"b":22}']);
  });
});

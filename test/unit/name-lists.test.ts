/** Files-from lists: one per call, gone after it; a dead process's folder is swept by the next. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NameLists } from "../../src/rclone/name-lists.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("files-from name lists", () => {
  it("writes names exactly, removes each list after its call, and sweeps folders of dead processes", async () => {
    const root = makeTempDir("junmai-lists-");
    // A process that no longer exists (PIDs never reach this) left its folder and a list.
    const dead = path.join(root, "junmai-sync-lists-2147483646");
    mkdirSync(dead);
    writeFileSync(path.join(dead, "left.txt"), "写真_桜.jpg\n");
    const lists = new NameLists(root);
    const names = ["#1 first.jpg", ";semi.jpg", "写真_桜.jpg", " leading space.jpg"];
    const seen = await lists.with(names, async (file) => {
      expect(path.dirname(file)).toBe(path.join(root, `junmai-sync-lists-${process.pid}`));
      return readFileSync(file, "utf8");
    });
    expect(seen).toBe(`${names.join("\n")}\n`);
    expect(existsSync(dead)).toBe(false);
    expect(readdirSync(path.join(root, `junmai-sync-lists-${process.pid}`))).toEqual([]);
    await lists.remove();
    expect(readdirSync(root)).toEqual([]);
  });
});

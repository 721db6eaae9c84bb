/** Files-from lists: the same names share a file, a few are kept, the rest go; a dead process's folder is swept by the next. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NameLists } from "../../src/rclone/name-lists.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("files-from name lists", () => {
  it("writes names exactly, keeps only the last few lists, and sweeps folders of dead processes", async () => {
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
    const own = path.join(root, `junmai-sync-lists-${process.pid}`);
    // The same names again (a group's next step): the same file, not a second one.
    const first = await lists.with(names, async (file) => file);
    expect(await lists.with([...names], async (file) => file)).toBe(first);
    expect(readdirSync(own)).toHaveLength(1);
    // Many different lists: only the last few stay on disk, and one in use is never removed.
    const held = lists.with(["held.jpg"], async (file) => {
      for (let index = 0; index < 20; index += 1) await lists.with([`photo-${index}.jpg`], async () => null);
      return readFileSync(file, "utf8");
    });
    expect(await held).toBe("held.jpg\n");
    expect(readdirSync(own).length).toBeLessThanOrEqual(6);
    expect(readdirSync(own).map((name) => readFileSync(path.join(own, name), "utf8"))).toContain(
      "photo-19.jpg\n",
    );
    await lists.remove();
    expect(readdirSync(root)).toEqual([]);
  });
});

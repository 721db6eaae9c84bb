/** How a group finds its names in a remote folder: listed whole until the folder is known to be large. */
import { describe, expect, it } from "vitest";
import { FolderSizes } from "../../src/rclone/folder-sizes.js";

describe("folder sizes", () => {
  it("lists a folder not seen yet or small, asks name by name once it holds many more entries", () => {
    const sizes = new FolderSizes();
    expect(sizes.way(":webdav:photos", 64)).toBe("listWhole");
    sizes.saw(":webdav:photos", 0);
    expect(sizes.way(":webdav:photos", 64)).toBe("listWhole");
    sizes.saw(":webdav:photos", 256);
    expect(sizes.way(":webdav:photos", 64)).toBe("listWhole");
    sizes.saw(":webdav:photos", 257);
    expect(sizes.way(":webdav:photos", 64)).toBe("byName");
    // Another folder knows nothing of this one.
    expect(sizes.way(":webdav:other", 64)).toBe("listWhole");
  });

  it("remembers a bounded number of folders, the most recently seen", () => {
    const sizes = new FolderSizes();
    for (let index = 0; index < 1_001; index += 1) sizes.saw(`:sftp:f${index}`, 10_000);
    expect(sizes.way(":sftp:f0", 2)).toBe("listWhole");
    expect(sizes.way(":sftp:f1000", 2)).toBe("byName");
  });
});

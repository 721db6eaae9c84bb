/** The CLI shows renditions: `upload --dry-run`, what `upload --wait` delivered where, `status JOB`. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { writeFile } from "../fixtures/files.js";
import { makePhoto } from "../fixtures/images.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("renditions in the CLI", () => {
  it("upload --dry-run plans, upload --wait reports each destination's copy, status JOB shows it", async () => {
    const dir = makeTempDir("junmai-cli-rend-");
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [
          { name: "dropbox", remote: "./dropbox", path: "Clients", subpath: "{date}/{subpath}" },
          {
            name: "web",
            remote: "./gdrive",
            path: "Web",
            subpath: "{folder}",
            rendition: {
              longEdge: 300,
              format: "jpeg",
              quality: 80,
              metadata: "copyright",
              removeLocation: true,
            },
          },
        ],
      }),
    );
    await makePhoto(path.join(dir, "Export", "写真 01.tif"), { format: "tiff" });
    writeFile(path.join(dir, "Export"), "DSC_0002.NEF", "raw");
    const env = isolatedEnv(path.join(dir, "data"));
    const args = ["--config", config, "upload", "Export", "--to", "dropbox,web", "--subpath", "wedding"];

    const plan = await runCli([...args, "--dry-run"], { cwd: dir, env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Dry run: nothing was queued. 2 file(s) → dropbox, web");
    expect(plan.stdout).toMatch(
      /写真 01\.tif → dropbox:\d{4}-\d{2}-\d{2}\/wedding\/写真 01\.tif {2}\(the original, byte for byte\)/,
    );
    expect(plan.stdout).toContain(
      "写真 01.tif → web:Export/写真 01.jpg  (300 px JPEG q80, sRGB, metadata: copyright, no GPS)",
    );
    expect(plan.stdout).toContain(
      "DSC_0002.NEF → web:Export/DSC_0002.NEF  (not sent: no rendition can be made",
    );
    expect(
      (await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env })).counts.pending,
    ).toBe(0);

    const done = await runCli([...args, "--wait"], { cwd: dir, env });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("dropbox: the original, byte for byte");
    expect(done.stdout).toContain("web: 300 px JPEG q80, sRGB, metadata: copyright, no GPS");
    expect(done.stdout).toContain("web: 1 skipped, 0 sent as originals");

    const jobs = (await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env })).batches;
    expect(jobs).toHaveLength(1);
    // Files in name order (DSC_0002.NEF, 写真 01.tif), each to dropbox then web: job 4 is the web copy.
    const job = await runCliJson(["--config", config, "status", "4", "--json"], { cwd: dir, env });
    expect(job.rendition).toMatchObject({ kind: "make", settings: { longEdge: 300 } });
    const shown = await runCli(["--config", config, "status", "4"], { cwd: dir, env });
    expect(shown.stdout).toContain("rendition 300 px JPEG q80");
  });
});

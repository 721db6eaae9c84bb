/** Renditions through the HTTP API: jobs carry `rendition`, batches say what each destination got, thumbnails. */
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, startApi } from "../fixtures/api.js";
import { writeFile } from "../fixtures/files.js";
import { makePhoto } from "../fixtures/images.js";
import { eventually } from "../fixtures/wait.js";

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe("renditions in the API", () => {
  it("jobs carry their rendition, the batch lists each destination's copy, and photos have thumbnails", async () => {
    const harness = await startApi({
      destinations: [
        { name: "full", remote: "./full" },
        {
          name: "web",
          remote: "./web",
          rendition: { longEdge: 400, format: "webp", quality: 75, removeLocation: true },
        },
      ],
    });
    api = harness;
    const photo = await makePhoto(path.join(harness.dir, "export", "桜 1.jpg"), { width: 1200, height: 800 });
    writeFile(path.join(harness.dir, "export"), "DSC_0002.NEF", "raw");
    const queued = await harness.service.uploadBatch([path.join(harness.dir, "export")], {
      to: ["full", "web"],
    });
    await eventually(async () => {
      const summary = await harness.service.getBatchStatus(queued.batch.id);
      return summary.status === "completed" ? summary : undefined;
    }, 60_000);

    const jobs = (await (await harness.call(`/api/v1/jobs?batch=${queued.batch.id}`)).json()) as {
      jobs: { id: number; destination: string; sourcePath: string; remotePath: string; rendition: unknown }[];
    };
    const web = jobs.jobs.find((job) => job.destination === "web" && job.sourcePath === photo);
    expect(web).toMatchObject({
      remotePath: "export/桜 1.webp",
      rendition: { kind: "make", settings: { longEdge: 400, format: "webp", quality: 75 } },
    });
    expect(
      jobs.jobs.find((job) => job.destination === "full" && job.sourcePath === photo)?.rendition,
    ).toBeNull();

    const deliveries = (await (
      await harness.call(`/api/v1/batches/${queued.batch.id}/deliveries`)
    ).json()) as {
      destinations: { destination: string; rendition: unknown; unsupportedSkipped: number; text: string }[];
      previewJobId: number | null;
    };
    expect(deliveries.destinations).toEqual([
      expect.objectContaining({ destination: "full", rendition: null, text: "the original, byte for byte" }),
      expect.objectContaining({
        destination: "web",
        rendition: expect.objectContaining({ size: "400 px", format: "WEBP q75" }),
        unsupportedSkipped: 1,
        text: expect.stringContaining("400 px WEBP q75"),
      }),
    ]);

    const thumbnail = await harness.call(`/api/v1/jobs/${deliveries.previewJobId}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(320);
    const raw = jobs.jobs.find((job) => job.sourcePath.endsWith(".NEF"));
    expect((await harness.call(`/api/v1/jobs/${raw?.id}/thumbnail`)).status).toBe(404);
  });
});

/**
 * The HTTP API's contract, route by route: happy paths, validation errors, 404s, auth. A real
 * SyncService (SQLite, real rclone to local folders) behind a real socket on a free port.
 */
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApi } from "../fixtures/api.js";
import { jpegWithExif } from "../fixtures/exif-jpeg.js";
import { writeFile, writeRandomFile } from "../fixtures/files.js";

const EXIF = { dateTimeOriginal: "2026:04:01 10:00:00", make: "Junmai", model: "Test" };

let api: ApiHarness;
let batchId: number;
let jobIds: number[];

async function json(response: Response): Promise<Record<string, unknown> & { code?: string }> {
  return (await response.json()) as Record<string, unknown>;
}

function post(path: string, body?: unknown, auth = true): Promise<Response> {
  return api.call(path, {
    method: "POST",
    auth,
    ...(body === undefined
      ? {}
      : {
          body: typeof body === "string" ? body : JSON.stringify(body),
          headers: { "Content-Type": "application/json" },
        }),
  });
}

beforeAll(async () => {
  api = await startApi(
    {
      destinations: [
        { name: "local", remote: "./cloud" },
        { name: "archive", remote: "./archive" },
      ],
    },
    { workers: false, sharedByFile: true },
  );
  for (const name of ["写真_桜.jpg", "space in name.jpg", "a.jpg"])
    writeRandomFile(api.dir, `photos/${name}`, 50_000);
});

afterAll(async () => {
  await api?.close();
});

describe("POST /api/v1/uploads", () => {
  it("queues files and folders as one batch (201)", async () => {
    const response = await post("/api/v1/uploads", {
      paths: [path.join(api.dir, "photos")],
      batchName: "桜の結婚式",
      to: "local",
    });
    expect(response.status).toBe(201);
    const body = (await json(response)) as {
      batch: { id: number; name: string };
      jobIds: number[];
      destinations: string[];
    };
    expect(body.batch.name).toBe("桜の結婚式");
    expect(body.jobIds).toHaveLength(3);
    expect(body.destinations).toEqual(["local"]);
    batchId = body.batch.id;
    jobIds = body.jobIds;
  });

  it("refuses bad requests with a code and a hint, and queues nothing", async () => {
    const before = (await api.service.getCounts()).pending;
    const cases: [Response, number, string, RegExp?][] = [
      [await post("/api/v1/uploads", { paths: ["x"] }, false), 401, "UNAUTHORIZED"],
      [await post("/api/v1/uploads", {}), 400, "REQUEST_INVALID", /paths/],
      [await post("/api/v1/uploads", { paths: [] }), 400, "REQUEST_INVALID", /paths/],
      [await post("/api/v1/uploads", { paths: ["x"], colour: "red" }), 400, "REQUEST_INVALID"],
      [
        await post("/api/v1/uploads", { paths: ["x"], priority: "urgent" }),
        400,
        "REQUEST_INVALID",
        /priority/,
      ],
      [await post("/api/v1/uploads", "{not json"), 400, "REQUEST_INVALID"],
      [
        await post("/api/v1/uploads", { paths: [api.dir], to: "nowhere" }),
        404,
        "UNKNOWN_DESTINATION",
        /nowhere/,
      ],
      [await post("/api/v1/uploads", { paths: [api.dir], subpath: "../up" }), 400, "INVALID_PATH"],
    ];
    for (const [response, status, code, message] of cases) {
      const body = await json(response);
      expect({ status: response.status, code: body.code }).toEqual({ status, code });
      expect(typeof body.hint).toBe("string");
      if (message !== undefined) expect(body.message).toMatch(message);
    }
    expect((await api.service.getCounts()).pending).toBe(before);
  });

  it("refuses a body over 1 MiB before reading it all", async () => {
    const body = JSON.stringify({ paths: ["x".repeat(1_100_000)] });
    // Its own connection: the server answers early and closes it, which a pooled one would trip on.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const call = request(
        {
          host: "127.0.0.1",
          port: Number(new URL(api.url).port),
          path: "/api/v1/uploads",
          method: "POST",
          agent: false,
          headers: {
            Authorization: `Bearer ${api.token}`,
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
          },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => {
            text += chunk.toString("utf8");
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      call.on("error", reject);
      call.end(body);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: "REQUEST_TOO_LARGE",
      message: expect.stringMatching(/larger than/),
    });
  });
});

describe("GET /api/v1/status and /jobs", () => {
  it("reports counts, destinations and workers", async () => {
    const response = await api.call("/api/v1/status", { auth: false });
    expect(response.status).toBe(200);
    const body = (await json(response)) as { counts: { pending: number }; destinations: { name: string }[] };
    expect(body.counts.pending).toBe(3);
    expect(body.destinations.map((d) => d.name)).toEqual(["local", "archive"]);
  });

  it("reports what `status` shows: the status, the newest batches, failed and waiting jobs", async () => {
    const response = await api.call("/api/v1/status/report", { auth: false });
    expect(response.status).toBe(200);
    const body = (await json(response)) as {
      status: { counts: { pending: number } };
      batches: { batch: { id: number }; percent: number }[];
      failed: unknown[];
      retrying: unknown[];
    };
    expect(body.status.counts.pending).toBe(3);
    expect(body.batches.length).toBeGreaterThan(0);
    expect(body.batches[0]?.percent).toBe(0);
    expect(body).toMatchObject({ failed: [], retrying: [] });
  });

  it("pages by id and filters by state, batch and destination", async () => {
    const first = (await json(await api.call("/api/v1/jobs?limit=2", { auth: false }))) as {
      jobs: { id: number }[];
      next: number | null;
    };
    expect(first.jobs.map((job) => job.id)).toEqual(jobIds.slice(0, 2));
    expect(first.next).toBe(jobIds[1]);
    const second = (await json(await api.call(`/api/v1/jobs?limit=2&after=${first.next}`))) as typeof first;
    expect(second.jobs.map((job) => job.id)).toEqual(jobIds.slice(2));
    expect(second.next).toBeNull();
    const count = async (query: string) =>
      ((await json(await api.call(`/api/v1/jobs?${query}`))) as typeof first).jobs.length;
    expect(await count("state=pending")).toBe(3);
    expect(await count("state=failed,cancelled")).toBe(0);
    expect(await count(`batch=${batchId}`)).toBe(3);
    expect(await count("destination=archive")).toBe(0);
    for (const bad of ["state=bogus", "limit=0", "limit=501", "batch=-1", "after=x"]) {
      const response = await api.call(`/api/v1/jobs?${bad}`);
      expect(response.status, bad).toBe(400);
      expect((await json(response)).code).toBe("REQUEST_INVALID");
    }
  });

  it("shows one job with Japanese names intact, 404 for an unknown one", async () => {
    const page = (await json(await api.call(`/api/v1/jobs?batch=${batchId}`))) as {
      jobs: { id: number; remotePath: string }[];
    };
    const sakura = page.jobs.find((job) => job.remotePath.endsWith("写真_桜.jpg"));
    expect(sakura).toBeDefined();
    const job = await json(await api.call(`/api/v1/jobs/${sakura?.id}`));
    expect(job).toMatchObject({ id: sakura?.id, state: "pending", percent: 0, destination: "local" });
    expect(job.remotePath).toBe("photos/写真_桜.jpg");
    const missing = await api.call("/api/v1/jobs/999999");
    expect(missing.status).toBe(404);
    expect((await json(missing)).code).toBe("JOB_NOT_FOUND");
    expect((await api.call("/api/v1/jobs/abc")).status).toBe(400);
  });
});

describe("changing jobs", () => {
  it("cancels and retries one job; a second cancel is a conflict", async () => {
    const id = jobIds[2];
    expect((await post(`/api/v1/jobs/${id}/cancel`, undefined, false)).status).toBe(401);
    const cancelled = await post(`/api/v1/jobs/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await json(cancelled)).state).toBe("cancelled");
    const again = await post(`/api/v1/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe("ILLEGAL_TRANSITION");
    const retried = await post(`/api/v1/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect((await json(retried)).state).toBe("pending");
    expect((await post("/api/v1/jobs/999999/retry")).status).toBe(404);
    expect((await post("/api/v1/jobs/999999/cancel")).status).toBe(404);
  });

  it("lists failed jobs with code and hint, and retries them all", async () => {
    const missing = await post("/api/v1/uploads", { paths: [path.join(api.dir, "gone.jpg")], to: "archive" });
    expect(missing.status).toBe(201);
    expect((await json(missing)).missing).toEqual([path.join(api.dir, "gone.jpg")]);
    await api.service.processQueue();
    const failed = (await json(await api.call("/api/v1/jobs?state=failed"))) as {
      jobs: { lastError: { code: string; hint: string } }[];
    };
    expect(failed.jobs).toHaveLength(1);
    expect(failed.jobs[0]?.lastError.code).toBe("SOURCE_MISSING");
    expect(failed.jobs[0]?.lastError.hint).not.toBe("");
    expect((await post("/api/v1/jobs/retry-failed", undefined, false)).status).toBe(401);
    const retried = await post("/api/v1/jobs/retry-failed");
    expect(await json(retried)).toEqual({ retried: 1 });
    expect(await api.service.getCounts()).toMatchObject({ failed: 0, pending: 1, completed: 3 });
  });
});

describe("batches", () => {
  it("lists batches newest first with aggregate progress, and shows one", async () => {
    const list = (await json(await api.call("/api/v1/batches?limit=5"))) as unknown as {
      batch: { id: number; name: string | null };
      percent: number;
      status: string;
    }[];
    const wedding = list.find((summary) => summary.batch.id === batchId);
    expect(wedding).toMatchObject({ batch: { name: "桜の結婚式" }, status: "completed", percent: 100 });
    expect(list[0]?.batch.id).toBeGreaterThan(batchId);
    const one = await json(await api.call(`/api/v1/batches/${batchId}`));
    expect(one).toMatchObject({ batch: { id: batchId }, counts: { completed: 3 } });
    expect((await api.call("/api/v1/batches/999999")).status).toBe(404);
    expect((await api.call("/api/v1/batches?limit=1000")).status).toBe(400);
  });
});

describe("destinations", () => {
  it("pauses and resumes one destination and all of them, and says so in status", async () => {
    const archive = async () =>
      (
        (await json(await api.call("/api/v1/destinations"))) as unknown as {
          name: string;
          hold: { reason: string } | null;
        }[]
      ).find((d) => d.name === "archive");
    expect((await post("/api/v1/destinations/archive/pause", undefined, false)).status).toBe(401);
    expect(await json(await post("/api/v1/destinations/archive/pause"))).toEqual({
      destination: "archive",
      paused: true,
    });
    expect((await archive())?.hold?.reason).toBe("paused");
    expect(await json(await post("/api/v1/destinations/archive/resume"))).toEqual({
      destination: "archive",
      paused: false,
    });
    expect((await archive())?.hold).toBeNull();
    const unknown = await post("/api/v1/destinations/nowhere/pause");
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).code).toBe("UNKNOWN_DESTINATION");

    expect(await json(await post("/api/v1/pause"))).toEqual({ destination: null, paused: true });
    expect((await json(await api.call("/api/v1/status"))).pausedSince).toEqual(expect.any(Number));
    expect(await json(await post("/api/v1/resume"))).toEqual({ destination: null, paused: false });
    expect((await json(await api.call("/api/v1/status"))).pausedSince).toBeNull();
  });
});

describe("settings checks", () => {
  it("checks a folder and an image file as the daemon sees them, each with its own verdict", async () => {
    const photos = path.join(api.dir, "photos");
    const logo = writeFile(api.dir, "marks/logo.jpg", jpegWithExif(EXIF));
    const photo = path.join(photos, "a.jpg");
    const check = async (route: string, given: string) =>
      json(await post(`/api/v1/settings/${route}`, { path: given }));
    expect(await check("check-folder", photos)).toEqual({ path: photos, ok: true, problem: null });
    expect(await check("check-file", logo)).toEqual({ path: logo, ok: true, problem: null });
    // A file is no folder, a folder no file, and random bytes no image: each says why.
    for (const [route, given] of [
      ["check-folder", logo],
      ["check-file", photos],
      ["check-file", photo],
      ["check-folder", path.join(api.dir, "nowhere")],
    ] as const) {
      const answer = await check(route, given);
      expect(answer, `${route} ${given}`).toMatchObject({ path: given, ok: false });
      expect(answer.problem, `${route} ${given}`).toEqual(expect.any(String));
    }
    expect((await post("/api/v1/settings/check-file", { path: "" })).status).toBe(400);
  });
});

describe("the rest of the server", () => {
  it("answers unknown routes with a JSON 404", async () => {
    for (const route of ["/api/v1/nope", "/api/v2/status", "/nope.html"]) {
      const response = await api.call(route);
      expect(response.status, route).toBe(404);
      expect((await json(response)).code).toBe("NOT_FOUND");
    }
  });

  it("publishes an OpenAPI document with every route", async () => {
    const document = (await json(await api.call("/api/v1/openapi.json", { auth: false }))) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        "/batches",
        "/batches/{id}",
        "/config",
        "/config/reload",
        "/batches/{id}/deliveries",
        "/destinations",
        "/destinations/{name}/pause",
        "/destinations/{name}/resume",
        "/destinations/{name}/test",
        "/events",
        "/jobs",
        "/jobs/retry-failed",
        "/jobs/{id}",
        "/jobs/{id}/cancel",
        "/jobs/{id}/retry",
        "/notify/test",
        "/jobs/{id}/thumbnail",
        "/pause",
        "/remotes",
        "/remotes/sign-in/cancel",
        "/remotes/{name}",
        "/resume",
        "/settings/check-file",
        "/settings/check-folder",
        "/settings/preview-path",
        "/status",
        "/status/report",
        "/uploads",
      ].sort(),
    );
    expect(document.paths["/uploads"]?.post?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "Job",
        "BatchSummary",
        "Status",
        "Error",
        "UploadRequest",
        "ConfigView",
        "SignInRequest",
      ]),
    );
  });

  it("serves the dashboard with a strict content security policy", async () => {
    const page = await api.call("/", { auth: false });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await page.text()).toContain("<title>junmai-sync</title>");
    expect((await api.call("/app.js", { auth: false })).headers.get("content-type")).toContain("javascript");
  });

  it("refuses a foreign Host header on a loopback server (DNS rebinding)", async () => {
    const port = Number(new URL(api.url).port);
    const answer = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const call = request(
          { host: "127.0.0.1", port, path: "/api/v1/status", headers: { Host: host } },
          (response) => {
            let body = "";
            response.on("data", (chunk: Buffer) => {
              body += chunk.toString("utf8");
            });
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
          },
        );
        call.on("error", reject);
        call.end();
      });
    const evil = await answer(`rebind.example:${port}`);
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).code).toBe("HOST_NOT_ALLOWED");
    expect((await answer(`localhost:${port}`)).status).toBe(200);
  });

  it("exports Prometheus metrics for the queue, deliveries, failures and destinations", async () => {
    await post("/api/v1/destinations/archive/pause");
    const text = await (await api.call("/metrics", { auth: false })).text();
    await post("/api/v1/destinations/archive/resume");
    expect(text).toMatch(/^junmai_jobs\{state="completed"\} 3$/m);
    expect(text).toMatch(/^junmai_jobs\{state="pending"\} 1$/m);
    expect(text).toMatch(/^junmai_uploaded_bytes_total\{destination="local"\} 150000$/m);
    expect(text).toMatch(/^junmai_transfer_duration_seconds_count\{destination="local"\} 3$/m);
    expect(text).toMatch(/^junmai_failures_total\{code="SOURCE_MISSING"\} 1$/m);
    expect(text).toMatch(/^junmai_destination_up\{destination="local"\} 1$/m);
    expect(text).toMatch(/^junmai_destination_held\{destination="archive"\} 1$/m);
    expect(text).toMatch(/^junmai_oldest_pending_age_seconds \d/m);
  });
});

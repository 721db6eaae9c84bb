/**
 * API abuse against the real server (issue 21 item 7): oversized bodies (with a length, and
 * chunked), foreign Host headers, path traversal towards files outside the dashboard, CORS
 * from a foreign origin, too many live-event streams, and `/uploads` of paths outside
 * `server.allowedRoots` on a server reachable beyond loopback.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SILENT_LOGGER } from "../../src/engine/events.js";
import { createApiApp } from "../../src/server/api-app.js";
import { LiveEvents } from "../../src/server/live-events.js";
import { Metrics } from "../../src/server/metrics.js";
import { type ApiHarness, startApi } from "../fixtures/api.js";
import { writeRandomFile } from "../fixtures/files.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

/** A raw request: fetch would normalise the path and refuses to set Host. */
function raw(
  url: string,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, path: options.path, method: options.method ?? "GET", headers: options.headers ?? {} },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
    request.end(options.body);
  });
}

describe("the real server under abuse", () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(
      { destinations: [{ name: "local", remote: "./cloud" }], server: { maxStreamsPerClient: 2 } },
      { workers: false, sharedByFile: true },
    );
  });

  afterAll(async () => {
    await api.close();
  });

  it("answers a 2 MiB body with 413 before parsing it, with a length or chunked", async () => {
    const big = JSON.stringify({ paths: ["x".repeat(2 * 1024 * 1024)] });
    const withLength = await api.call("/api/v1/uploads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: big,
    });
    expect(withLength.status).toBe(413);
    expect(await withLength.json()).toMatchObject({ code: "REQUEST_TOO_LARGE" });

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        controller.close();
      },
    });
    const chunked = await api.call("/api/v1/uploads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Nothing was queued.
    expect((await api.service.getCounts()).pending).toBe(0);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const answer = await raw(api.url, { path: "/api/v1/status", headers: { Host: "photos.evil.example" } });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "HOST_NOT_ALLOWED" });
  });

  it("serves no file outside the dashboard, whatever the path says", async () => {
    for (const attempt of [
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/..%2f..%2f..%2fetc%2fpasswd",
      "/app.js/../../package.json",
      "/%2fetc%2fpasswd",
    ]) {
      const answer = await raw(api.url, { path: attempt });
      expect(answer.status, attempt).toBe(404);
      expect(answer.body).not.toContain("root:");
      expect(answer.body).not.toContain('"name": "junmai-sync"');
    }
  });

  it("keeps CORS closed by default", async () => {
    const preflight = await raw(api.url, {
      path: "/api/v1/status",
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const read = await raw(api.url, { path: "/api/v1/status", headers: { Origin: "https://evil.example" } });
    expect(read.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("caps live-event streams per client: the third gets 429 until one closes", async () => {
    const opened = [new AbortController(), new AbortController()];
    const streams = await Promise.all(opened.map((c) => api.call("/api/v1/events", { signal: c.signal })));
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const third = await api.call("/api/v1/events");
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ code: "TOO_MANY_STREAMS" });
    opened[0]?.abort();
    let again: Response | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await again?.body?.cancel().catch(() => undefined);
      again = await api.call("/api/v1/events");
    }
    expect(again?.status).toBe(200);
    await again?.body?.cancel().catch(() => undefined);
    opened[1]?.abort();
  });
});

describe("/uploads on a server reachable beyond loopback", () => {
  it("queues only paths inside server.allowedRoots, links followed", async () => {
    const dir = makeTempDir();
    const allowed = path.join(dir, "export");
    const inside = writeRandomFile(allowed, "a.jpg", 1000);
    mkdirSync(path.join(dir, "private"));
    const secret = writeRandomFile(path.join(dir, "private"), "secret.jpg", 1000);
    symlinkSync(secret, path.join(allowed, "link.jpg"));
    const service = await openTestService({ destinations: [{ name: "local", remote: "./cloud" }] }, { dir });
    const live = new LiveEvents(service);
    const metrics = new Metrics(service);
    const token = { value: "t".repeat(43), source: "env" as const, file: null, private: true };
    // Never bound: the app is called as if through a socket on 192.0.2.10 (TEST-NET-1).
    const app = createApiApp({
      service,
      live,
      metrics,
      token,
      logger: SILENT_LOGGER,
      version: "test",
      server: { enabled: true, host: "192.0.2.10", port: 7420, corsOrigins: [], allowedRoots: [allowed] },
    });
    const upload = (paths: string[]) =>
      app.fetch(
        new Request("http://192.0.2.10:7420/api/v1/uploads", {
          method: "POST",
          headers: { Authorization: `Bearer ${token.value}`, "Content-Type": "application/json" },
          body: JSON.stringify({ paths }),
        }),
      );
    try {
      for (const outside of [
        secret,
        "/etc/passwd",
        path.join(allowed, "..", "private"),
        path.join(allowed, "link.jpg"),
      ]) {
        const refused = await upload([outside]);
        expect(refused.status, outside).toBe(403);
        expect(await refused.json()).toMatchObject({ code: "PATH_NOT_ALLOWED" });
      }
      expect((await service.getCounts()).pending).toBe(0);
      expect((await upload([inside])).status).toBe(201);
      expect((await service.getCounts()).pending).toBe(1);
    } finally {
      live.close();
      metrics.close();
      await service.close();
    }
  });
});

/**
 * Live events over SSE during a real upload (real rclone, throttled so progress is visible),
 * and a server exposed beyond loopback, where every call needs the token.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SILENT_LOGGER } from "../../src/engine/events.js";
import { createApiApp } from "../../src/server/api-app.js";
import { LiveEvents } from "../../src/server/live-events.js";
import { Metrics } from "../../src/server/metrics.js";
import { readEvents, startApi } from "../fixtures/api.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { openTestService } from "../fixtures/service.js";

describe("GET /api/v1/events", () => {
  it("streams job changes and transfer progress while bytes move", async () => {
    // 4 MB at 1 MB/s: about four seconds of transfer, so several progress events.
    const api = await startApi({ destinations: [{ name: "local", remote: "./cloud" }], bandwidth: "1M" });
    try {
      writeRandomFile(api.dir, "export/写真_桜.jpg", 4_000_000);
      const stream = await api.call("/api/v1/events", { auth: false, signal: AbortSignal.timeout(90_000) });
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      const upload = await api.call("/api/v1/uploads", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ paths: [path.join(api.dir, "export")] }),
      });
      expect(upload.status).toBe(201);
      const events = await readEvents(stream, (seen) =>
        seen.some((event) => event.type === "job" && (event.data as { state: string }).state === "completed"),
      );

      const progress = events
        .filter((event) => event.type === "progress")
        .map(
          (event) =>
            event.data as { bytesDone: number; sizeBytes: number; percent: number; remotePath: string },
        );
      const partial = progress.filter((p) => p.bytesDone > 0 && p.bytesDone < 4_000_000);
      expect(partial.length).toBeGreaterThanOrEqual(2);
      expect(progress.every((p) => p.remotePath === "export/写真_桜.jpg" && p.sizeBytes === 4_000_000)).toBe(
        true,
      );
      const done = progress.map((p) => p.bytesDone);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      const states = events
        .filter((event) => event.type === "job")
        .map((event) => (event.data as { state: string }).state);
      expect(states).toEqual(["uploading", "verifying", "completed"]);
      expect(events[0]?.type).toBe("counts");
      expect(treeHashes(path.join(api.dir, "cloud", "export"))).toEqual(
        treeHashes(path.join(api.dir, "export")),
      );
    } finally {
      await api.close();
    }
  });
});

describe("a server listening beyond loopback", () => {
  it("needs the token for every call, reads too, but serves the dashboard's own files", async () => {
    const service = await openTestService({ destinations: [{ name: "local", remote: "./cloud" }] });
    const live = new LiveEvents(service);
    const metrics = new Metrics(service);
    const token = { value: "t".repeat(43), source: "env" as const, file: null, private: true };
    // Never bound: the app is called directly, as if through a socket on 192.0.2.10 (TEST-NET-1).
    const app = createApiApp({
      service,
      live,
      metrics,
      token,
      logger: SILENT_LOGGER,
      version: "test",
      server: { enabled: true, host: "192.0.2.10", port: 7420, corsOrigins: [] },
    });
    try {
      const call = (route: string, auth?: string) =>
        app.fetch(
          new Request(`http://192.0.2.10:7420${route}`, auth ? { headers: { Authorization: auth } } : {}),
        );
      for (const route of [
        "/api/v1/status",
        "/api/v1/jobs",
        "/api/v1/openapi.json",
        "/metrics",
        "/api/v1/events",
      ]) {
        const response = await call(route);
        expect(response.status, route).toBe(401);
        expect(response.headers.get("www-authenticate")).toContain("Bearer");
        expect(((await response.json()) as { code: string }).code).toBe("UNAUTHORIZED");
      }
      expect((await call("/api/v1/status", "Bearer wrong")).status).toBe(401);
      expect((await call("/api/v1/status", `Bearer ${token.value}`)).status).toBe(200);
      expect((await call("/")).status).toBe(200);
      expect((await call("/app.js")).status).toBe(200);
    } finally {
      live.close();
      metrics.close();
      await service.close();
    }
  });
});

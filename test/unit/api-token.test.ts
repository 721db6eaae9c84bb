import { chmodSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertSafeExposure, loadApiToken, tokenMatches } from "../../src/app/api-token.js";
import { isLoopbackHost, parseListen, resolveServer } from "../../src/config/resolve-server.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const server = (host: string) => ({ enabled: true, host, port: 7420, corsOrigins: [] });

describe("the API token", () => {
  it("is created once, private to its owner, and read back the same", () => {
    const dir = makeTempDir();
    const first = loadApiToken(dir, {});
    const second = loadApiToken(dir, {});
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.value).toBe(first.value);
    expect(readFileSync(path.join(dir, "api-token"), "utf8").trim()).toBe(first.value);
    if (process.platform !== "win32") expect(statSync(path.join(dir, "api-token")).mode & 0o777).toBe(0o600);
    expect(first).toMatchObject({ source: "file", private: true });
  });

  it("comes from JUNMAI_SYNC_API_TOKEN when set", () => {
    const token = loadApiToken(makeTempDir(), { JUNMAI_SYNC_API_TOKEN: "  from-the-environment  " });
    expect(token).toMatchObject({ value: "from-the-environment", source: "env", file: null });
  });

  it("matches only itself", () => {
    const token = loadApiToken(makeTempDir(), {});
    expect(tokenMatches(token, token.value)).toBe(true);
    expect(tokenMatches(token, `${token.value}x`)).toBe(false);
    expect(tokenMatches(token, "")).toBe(false);
  });
});

describe("exposure beyond loopback", () => {
  it("allows any token on loopback", () => {
    const weak = loadApiToken(makeTempDir(), { JUNMAI_SYNC_API_TOKEN: "short" });
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]"])
      expect(() => assertSafeExposure(server(host), weak)).not.toThrow();
  });

  it("refuses a short token or a token file others can read", () => {
    const weak = loadApiToken(makeTempDir(), { JUNMAI_SYNC_API_TOKEN: "short" });
    expect(() => assertSafeExposure(server("0.0.0.0"), weak)).toThrow(
      expect.objectContaining({ code: "SERVER_UNSAFE" }),
    );
    const dir = makeTempDir();
    loadApiToken(dir, {});
    if (process.platform !== "win32") {
      chmodSync(path.join(dir, "api-token"), 0o644);
      const readable = loadApiToken(dir, {});
      expect(readable.private).toBe(false);
      expect(() => assertSafeExposure(server("192.168.1.20"), readable)).toThrow(
        expect.objectContaining({ code: "SERVER_UNSAFE", hint: expect.stringContaining("chmod 600") }),
      );
      chmodSync(path.join(dir, "api-token"), 0o600);
    }
    expect(() => assertSafeExposure(server("192.168.1.20"), loadApiToken(dir, {}))).not.toThrow();
  });
});

describe("listen addresses", () => {
  it("parses host:port forms, IPv6 in brackets", () => {
    expect(parseListen("127.0.0.1:7420", "--listen")).toEqual({ host: "127.0.0.1", port: 7420 });
    expect(parseListen("[::1]:0", "--listen")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("localhost:8080", "--listen")).toEqual({ host: "localhost", port: 8080 });
    for (const bad of ["7420", "127.0.0.1", "127.0.0.1:99999", "::1:7420", "host:port"]) {
      expect(() => parseListen(bad, "--listen"), bad).toThrow(expect.objectContaining({ code: "USAGE" }));
    }
  });

  it("lets JUNMAI_SYNC_LISTEN override the config, and `off` turn the server off", () => {
    const settings = {
      enabled: true,
      host: "127.0.0.1",
      port: 7420,
      corsOrigins: [],
      allowedRoots: [],
      maxStreams: 32,
      maxStreamsPerClient: 4,
    };
    expect(resolveServer(settings, {})).toMatchObject({ enabled: true, port: 7420 });
    expect(resolveServer(settings, { JUNMAI_SYNC_LISTEN: "127.0.0.1:0" })).toMatchObject({ port: 0 });
    expect(resolveServer(settings, { JUNMAI_SYNC_LISTEN: "off" })).toMatchObject({ enabled: false });
  });

  it("knows loopback from the rest", () => {
    expect(["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.2", "example.com", ""].some(isLoopbackHost)).toBe(false);
  });
});

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig, writeConfigFile } from "../../src/config/load.js";
import { resolvePaths } from "../../src/config/paths.js";
import { configJsonSchema } from "../../src/config/schema.js";
import { isLocalRemote } from "../../src/domain/destination.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const base = { baseDir: "/work/studio", source: "test", env: {} };

describe("config", () => {
  it("falls back to the embedded default: one local destination ./var/cloud", () => {
    const dir = makeTempDir();
    const { config } = loadConfig({
      configPath: path.join(dir, "none.json"),
      configExplicit: false,
      cwd: dir,
    });
    expect(config.source).toBe("embedded");
    expect(config.defaultDestination).toBe("local");
    expect(config.destinations).toEqual([
      expect.objectContaining({
        name: "local",
        kind: "local",
        fs: path.join(dir, "var", "cloud"),
        concurrency: 3,
        retries: 3,
      }),
    ]);
    expect(config.watch).toEqual([
      expect.objectContaining({
        root: path.join(dir, "var", "export"),
        destinations: ["local"],
        stabilityMs: 2000,
        batchQuietMs: 30_000,
        createIfMissing: true,
      }),
    ]);
  });

  it("resolves schedules and names the key and the bad token of a wrong one", () => {
    const dir = makeTempDir();
    const parse = (input: Record<string, unknown>, destination: Record<string, unknown> = {}) =>
      parseConfig(
        { destinations: [{ name: "drive", remote: "gdrive:", ...destination }], ...input } as never,
        {
          baseDir: dir,
          source: "test.json",
        },
      );
    const config = parse(
      { timeZone: "Asia/Tokyo", bandwidth: "08:00,2M 19:00,off" },
      { window: "Mon-Fri 22:00-07:00; Sat,Sun", dailyCap: "700G", dailyCapReset: "09:00", bandwidth: "1M" },
    );
    expect(config.timeZone).toBe("Asia/Tokyo");
    expect(config.bandwidth?.entries).toHaveLength(2);
    expect(config.destinations[0]).toMatchObject({
      dailyCapBytes: 700 * 2 ** 30,
      dailyCapResetMinutes: 540,
      windowEnd: "finish",
    });
    expect(() => parse({}, { window: "Mon-Fry 22:00-07:00" })).toThrowError(
      /`destinations\[0\]\.window` has a bad part "Mon-Fry 22:00-07:00": "Mon-Fry" is not a day/,
    );
    expect(() => parse({ bandwidth: "08:00,2X 19:00,off" })).toThrowError(
      /`bandwidth` has a bad part "08:00,2X"/,
    );
    expect(() => parse({}, { bandwidth: "8M,08:00" })).toThrowError(
      /`destinations\[0\]\.bandwidth` has a bad part "8M,08:00"/,
    );
    expect(() => parse({ timeZone: "Mars/Olympus" })).toThrowError(/`timeZone`.*"Mars\/Olympus"/);
    expect(() => parse({}, { dailyCap: "lots" })).toThrowError(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringContaining("destinations[0].dailyCap"),
      }),
    );
  });

  it("resolves watch rules and names the key and token of a bad one", () => {
    const dir = makeTempDir();
    const parse = (watch: unknown[]) =>
      parseConfig(
        {
          destinations: [
            { name: "nas", remote: "./nas" },
            { name: "dropbox", remote: "dropbox:" },
          ],
          watch,
        } as never,
        { baseDir: dir, source: "test.json" },
      );
    const config = parse([{ path: "Exports/書き出し", include: ["*.jpg"], subpath: "{yyyy}/{folder}" }]);
    expect(config.watch[0]).toMatchObject({
      key: "watch[0]",
      root: path.join(dir, "Exports", "書き出し"),
      destinations: ["nas"],
      createIfMissing: false,
    });
    expect(config.watch[0]?.filter.accepts("a/IMG.JPG")).toBe(true);
    expect(config.watch[0]?.filter.accepts("a/IMG.xmp")).toBe(false);
    expect(() => parse([{ path: "x", to: ["nas", "s3"] }])).toThrowError(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringContaining("`watch[0].to[1]`"),
      }),
    );
    expect(() => parse([{ path: "x", subpath: "{year}" }])).toThrowError(/`watch\[0\]\.subpath`.*\{year\}/);
    expect(() => parse([{ path: "x" }, { path: "./x/" }])).toThrowError(/`watch\[1\]\.path`.*watch\[0\]/);
    expect(() => parse([{ path: "." }])).toThrowError(
      /`watch\[0\]\.path` .*contains the folder of destination "nas"/,
    );
    expect(() => parse([{ path: "x", stabilityMs: 5 }])).toThrowError(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringContaining("watch[0].stabilityMs"),
      }),
    );
  });

  it("names notification channels and the key of a bad one", () => {
    const parse = (notify: unknown[], server?: unknown) =>
      parseConfig(
        { destinations: [{ name: "nas", remote: "./nas" }], notify, ...(server ? { server } : {}) } as never,
        base,
      );
    const config = parse([
      { type: "slack", urlEnv: "SLACK_URL" },
      { type: "email", name: "client", host: "smtp.example.com", from: "a@b.c", to: ["d@e.f"] },
    ]);
    expect(config.notify.map((channel) => channel.name)).toEqual(["slack#1", "client"]);
    expect(config.notify[1]).toMatchObject({ port: 587, on: ["completed", "failed", "destination"] });
    expect(config.server).toMatchObject({ enabled: true, host: "127.0.0.1", port: 7420, corsOrigins: [] });
    expect(config.server).toMatchObject({ allowedRoots: [], maxStreams: 32, maxStreamsPerClient: 4 });
    expect(() => parse([{ type: "slack", url: "https://hooks.slack.com/x", urlEnv: "X" }])).toThrowError(
      /`notify\[0\]`.*exactly one of `url` and `urlEnv`/,
    );
    expect(() => parse([{ type: "discord" }])).toThrowError(/exactly one of `url` and `urlEnv`/);
    expect(() => parse([{ type: "ntfy", url: "ftp://ntfy.sh/topic" }])).toThrowError(/`notify\[0\]\.url`/);
    expect(() => parse([{ type: "pager", url: "https://x" }])).toThrowError(/`notify\[0\]\.type`/);
    expect(() => parse([{ type: "webhook", url: "https://x", on: ["sometimes"] }])).toThrowError(
      /`notify\[0\]\.on\[0\]`/,
    );
    expect(() => parse([], { port: 70000 })).toThrowError(/`server\.port`/);
  });

  it("fails when an explicitly named config file is missing", () => {
    expect(() => loadConfig({ configPath: "/nope/config.json", configExplicit: true })).toThrowError(
      expect.objectContaining({ code: "CONFIG_MISSING" }),
    );
  });

  it("applies defaults and resolves local folders against the config file's folder", () => {
    const config = parseConfig(
      {
        destinations: [
          { name: "nas", remote: "backup" },
          { name: "box", remote: "dropbox:", path: "/Photos" },
        ],
      },
      base,
    );
    expect(config.destinations[0]).toMatchObject({
      kind: "local",
      fs: path.resolve("/work/studio", "backup"),
      root: path.resolve("/work/studio", "backup"),
    });
    expect(config.destinations[1]).toMatchObject({
      kind: "rclone",
      fs: "dropbox:",
      basePath: "/Photos",
      root: "dropbox:/Photos",
    });
    expect(config.engine).toMatchObject({ leaseSeconds: 60, shutdownGraceSeconds: 30 });
    expect(config.rclone.binary).toBe("rclone");
  });

  it("expands ~ to the home folder in local remotes and rclone.configPath", () => {
    const config = parseConfig(
      {
        destinations: [{ name: "home", remote: "~/Pictures/cloud" }],
        rclone: { configPath: "~/rclone.conf" },
      },
      base,
    );
    expect(config.destinations[0]?.fs).toBe(path.join(os.homedir(), "Pictures", "cloud"));
    expect(config.rclone.configPath).toBe(path.join(os.homedir(), "rclone.conf"));
  });

  it("accepts connection strings and Windows drive paths as remotes", () => {
    const input = {
      destinations: [
        { name: "dav", remote: ":webdav,url='http://127.0.0.1:8080',vendor=other:" },
        { name: "d", remote: "D:\\Backup\\Photos" },
      ],
    };
    // A drive path is a local folder, never an rclone remote named "D".
    expect(isLocalRemote("D:\\Backup\\Photos")).toBe(true);
    if (process.platform === "win32") {
      expect(parseConfig(input, base).destinations.map((d) => d.kind)).toEqual(["rclone", "local"]);
    } else {
      // Here it is a folder this system cannot open: said at once, naming the key (test/unit/config-path.test.ts
      // resolves it with node:path/win32).
      expect(() => parseConfig(input, base)).toThrowError(/`destinations\[1\]\.remote` is a Windows path/);
      expect(
        parseConfig({ destinations: [input.destinations[0] as { name: string; remote: string }] }, base)
          .destinations[0]?.kind,
      ).toBe("rclone");
    }
  });

  it("maps the prototype's cloud_sync section onto a destination", () => {
    const config = parseConfig(
      {
        cloud_sync: {
          enabled: true,
          provider: "google_drive",
          remote_path: "/Photos/Processed",
          max_concurrent: 5,
          max_retries: 2,
          sync_interval: 9,
        },
      },
      base,
    );
    expect(config.destinations).toEqual([
      expect.objectContaining({
        name: "google_drive",
        fs: "gdrive:",
        basePath: "/Photos/Processed",
        concurrency: 5,
        retries: 2,
      }),
    ]);
    expect(config.defaultDestination).toBe("google_drive");
    const named = parseConfig({ cloud_sync: { provider: "dropbox", remote_name: "work-dropbox" } }, base);
    expect(named.destinations[0]?.fs).toBe("work-dropbox:");
  });

  it.each([
    [
      { destinations: [{ name: "a", remote: "x", concurrency: -1 }] },
      /`destinations\[0\]\.concurrency`.*got -1/,
    ],
    [
      { destinations: [{ name: "a", remote: "x", concurrency: "3" }] },
      /`destinations\[0\]\.concurrency`.*got "3"/,
    ],
    [{ destinations: [{ name: "a b", remote: "x" }] }, /`destinations\[0\]\.name`/],
    [{ destinations: [{ name: "a", remote: "x" }], colour: true }, /unknown key `colour`/],
    [
      {
        destinations: [
          { name: "a", remote: "x" },
          { name: "a", remote: "y" },
        ],
      },
      /`destinations\[1\]\.name`.*duplicate/,
    ],
    [
      { destinations: [{ name: "a", remote: "x" }], defaultDestination: "b" },
      /`defaultDestination`.*known: a/,
    ],
    [{ destinations: [] }, /`destinations` is empty/],
    [{ destinations: [{ name: "a", remote: "x", path: "../up" }] }, /destinations\[0\]\.path/],
  ])("rejects %j naming the key", (input, message) => {
    expect(() => parseConfig(input, base)).toThrowError(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringMatching(message) }),
    );
  });

  it("chooses the store: the config's, else PostgreSQL from JUNMAI_SYNC_PG_URL, else SQLite", () => {
    const destinations = [{ name: "a", remote: "x" }];
    expect(parseConfig({ destinations }, base).store).toEqual({ type: "sqlite" });
    const env = { JUNMAI_SYNC_PG_URL: "postgres://u@db/studio", JUNMAI_SYNC_PG_SCHEMA: "queue_a" };
    expect(parseConfig({ destinations }, { ...base, env }).store).toEqual({
      type: "postgres",
      url: "postgres://u@db/studio",
      schema: "queue_a",
    });
    expect(parseConfig({ destinations, store: { type: "sqlite" } }, { ...base, env }).store).toEqual({
      type: "sqlite",
    });
    expect(
      parseConfig({ destinations, store: { type: "postgres", url: "postgres://db/x" } }, base).store,
    ).toEqual({
      type: "postgres",
      url: "postgres://db/x",
      schema: "junmai_sync",
    });
    expect(() =>
      parseConfig(
        { destinations, store: { type: "postgres", url: "postgres://db/x", schema: "Bad-Name" } },
        base,
      ),
    ).toThrowError(/`store\.schema`/);
    expect(() =>
      parseConfig(
        { destinations },
        { ...base, env: { JUNMAI_SYNC_PG_URL: "postgres://db/x", JUNMAI_SYNC_PG_SCHEMA: "x;drop" } },
      ),
    ).toThrowError(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });

  it("reports invalid JSON with its position and a hint", () => {
    const dir = makeTempDir();
    const file = path.join(dir, "config.json");
    writeFileSync(file, '{ "destinations": [ }');
    expect(() => loadConfig({ configPath: file, configExplicit: true })).toThrowError(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("not valid JSON") }),
    );
  });

  it("writes config files with mode 0600 and refuses to write an invalid one", async () => {
    const dir = makeTempDir();
    const file = path.join(dir, "sub", "config.json");
    await writeConfigFile(file, { destinations: [{ name: "local", remote: "./cloud" }] });
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(writeConfigFile(file, { destinations: [{ name: "", remote: "" }] })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
    expect(JSON.parse(readFileSync(file, "utf8")).destinations[0].name).toBe("local");
  });

  it("resolves config and data paths: flag, then environment, then the OS folder", () => {
    const env = { JUNMAI_SYNC_CONFIG: "/env/c.json", JUNMAI_SYNC_DATA_DIR: "/env/data" };
    expect(
      resolvePaths({ configFlag: "/flag/c.json", dataDirFlag: "/flag/data", env, cwd: "/" }),
    ).toMatchObject({
      configPath: path.resolve("/flag/c.json"),
      configExplicit: true,
      dataDir: path.resolve("/flag/data"),
      dataDirSource: "flag",
    });
    expect(resolvePaths({ env, cwd: "/" })).toMatchObject({
      configPath: path.resolve("/env/c.json"),
      dataDir: path.resolve("/env/data"),
    });
    const os = resolvePaths({ env: {}, cwd: "/" });
    expect(os.configExplicit).toBe(false);
    expect(os.configPath).toMatch(/junmai-sync[\\/]config\.json$/);
  });

  it("puts the embedded default's data dir in ./var/data, and a configured run's in the OS folder", () => {
    const cwd = makeTempDir();
    const noConfig = resolvePaths({ configFlag: undefined, env: {}, cwd });
    if (!existsSync(noConfig.configPath)) {
      expect(noConfig).toMatchObject({ dataDir: path.join(cwd, "var", "data"), dataDirSource: "embedded" });
    }
    // A named config (even one that does not exist yet) is not the embedded default.
    const named = resolvePaths({ configFlag: "c.json", env: {}, cwd });
    expect(named).toMatchObject({ dataDir: named.osDataDir, dataDirSource: "os" });
    expect(named.osDataDir).toMatch(/junmai-sync$/);
    // The flag and the environment still win.
    expect(resolvePaths({ env: { JUNMAI_SYNC_DATA_DIR: "d" }, cwd }).dataDirSource).toBe("env");
    expect(resolvePaths({ dataDirFlag: "f", env: { JUNMAI_SYNC_DATA_DIR: "d" }, cwd })).toMatchObject({
      dataDir: path.join(cwd, "f"),
      dataDirSource: "flag",
    });
  });

  it("publishes a JSON Schema that matches the zod schema", () => {
    const published = JSON.parse(
      readFileSync(new URL("../../schema/config.schema.json", import.meta.url), "utf8"),
    );
    expect(published).toEqual(configJsonSchema());
  });
});

/**
 * Paths in the config the way people paste them on each system — drive letters, UNC shares,
 * `~`, a variable at the start — and the JSON mistakes a Windows path invites. The Windows rules
 * run here with node:path/win32.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import win32 from "node:path/win32";
import { describe, expect, it } from "vitest";
import { resolveConfigPath } from "../../src/config/config-path.js";
import { hasLoneBackslash, positionOf } from "../../src/config/json-error.js";
import { loadConfig } from "../../src/config/load.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const windows = {
  baseDir: "C:\\Users\\me\\junmai",
  homedir: "C:\\Users\\me",
  env: { USERPROFILE: "C:\\Users\\me", APPDATA: "C:\\Users\\me\\AppData\\Roaming", HOME: "C:\\Users\\me" },
  pathApi: win32,
};
const posix = {
  baseDir: "/home/me/junmai",
  homedir: "/home/me",
  env: { HOME: "/home/me" },
  pathApi: path.posix,
};

describe("config paths on Windows (node:path/win32)", () => {
  it.each([
    ["C:\\Users\\me\\Pictures", "C:\\Users\\me\\Pictures"],
    ["C:/Users/me/Pictures", "C:\\Users\\me\\Pictures"],
    ["D:\\Exports\\", "D:\\Exports"],
    ["\\\\nas\\photos\\2026", "\\\\nas\\photos\\2026"],
    ["//nas/photos", "\\\\nas\\photos\\"],
    ["~", "C:\\Users\\me"],
    ["~\\Pictures\\書き出し", "C:\\Users\\me\\Pictures\\書き出し"],
    ["~/Pictures", "C:\\Users\\me\\Pictures"],
    ["%USERPROFILE%\\Pictures", "C:\\Users\\me\\Pictures"],
    ["%UserProfile%/Pictures", "C:\\Users\\me\\Pictures"],
    ["%APPDATA%\\Adobe", "C:\\Users\\me\\AppData\\Roaming\\Adobe"],
    ["$HOME\\Pictures", "C:\\Users\\me\\Pictures"],
    ["export", "C:\\Users\\me\\junmai\\export"],
    ["..\\shared\\export", "C:\\Users\\me\\shared\\export"],
  ])("%s → %s", (input, expected) => {
    expect(resolveConfigPath(input, "watch[0].path", windows)).toBe(expected);
  });

  it("expands a variable only at the start and only as a whole name", () => {
    expect(resolveConfigPath("D:\\Photos\\hash#pct%.jpg", "k", windows)).toBe("D:\\Photos\\hash#pct%.jpg");
    expect(resolveConfigPath("D:\\%USERPROFILE%\\x", "k", windows)).toBe("D:\\%USERPROFILE%\\x");
    expect(resolveConfigPath("%pct%.jpg", "k", windows)).toBe("C:\\Users\\me\\junmai\\%pct%.jpg");
    expect(resolveConfigPath("$5 prints", "k", windows)).toBe("C:\\Users\\me\\junmai\\$5 prints");
  });

  it("names the key and the variable when it is not set", () => {
    expect(() => resolveConfigPath("%NOPE%\\x", "watch[2].path", windows)).toThrowError(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringMatching(/`watch\[2\]\.path`.*variable NOPE/),
      }),
    );
  });
});

describe("config paths on POSIX", () => {
  it.each([
    ["~/Pictures", "/home/me/Pictures"],
    ["$HOME/Pictures/写真", "/home/me/Pictures/写真"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell form ${HOME} is the input.
    ["${HOME}/x", "/home/me/x"],
    ["./var/export", "/home/me/junmai/var/export"],
    ["$5 prints", "/home/me/junmai/$5 prints"],
    ["hash#pct%.jpg", "/home/me/junmai/hash#pct%.jpg"],
    ["%HOME%x", "/home/me/junmai/%HOME%x"],
    ["photos/$HOME", "/home/me/junmai/photos/$HOME"],
  ])("%s → %s", (input, expected) => {
    expect(resolveConfigPath(input, "k", posix)).toBe(expected);
  });

  it("refuses a Windows path and a trailing backslash, naming the key", () => {
    expect(() => resolveConfigPath("C:\\Users\\me", "destinations[0].remote", posix)).toThrowError(
      /`destinations\[0\]\.remote`.*Windows path/,
    );
    expect(() => resolveConfigPath("\\\\nas\\photos", "k", posix)).toThrowError(/Windows path/);
    expect(() => resolveConfigPath("./export\\", "watch[0].path", posix)).toThrowError(
      /`watch\[0\]\.path`.*ends with a backslash/,
    );
  });
});

describe("a config file that is not JSON", () => {
  function load(text: string) {
    const file = path.join(makeTempDir(), "config.json");
    writeFileSync(file, text);
    try {
      loadConfig({ configPath: file, configExplicit: true });
    } catch (error: unknown) {
      return error as { code: string; message: string; hint: string };
    }
    throw new Error("expected an error");
  }

  it("names line and column, shows the line, and hints at `\\\\` or `/` for a Windows path", () => {
    const error = load('{\n  "watch": [\n    { "path": "C:\\Users\\me\\Pictures" }\n  ]\n}\n');
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toMatch(/at line 3, column 19: Bad escaped character/);
    expect(error.message).toContain('    { "path": "C:\\Users\\me\\Pictures" }\n                      ^');
    expect(error.hint).toBe(
      "A `\\` inside a JSON string starts an escape: in JSON write `\\\\` or `/` (`C:/Users/me/Pictures`).",
    );
  });

  it("gives the same hint when a trailing backslash ate the closing quote", () => {
    const error = load('{\n  "destinations": [{ "name": "nas", "remote": "D:\\\\Photos\\" }]\n}\n');
    expect(error.message).toMatch(/at line \d+, column \d+/);
    expect(error.hint).toContain("in JSON write `\\\\` or `/`");
  });

  it("gives the plain syntax hint for other mistakes", () => {
    const error = load('{\n  "destinations": [],\n}\n');
    expect(error.message).toMatch(/at line 3, column 1: Expected double-quoted property name/);
    expect(error.hint).toMatch(/trailing comma/);
    expect(load('{ "a": ').message).toMatch(/at line 1, column 8: Unexpected end of JSON input/);
  });

  it("counts columns in characters, not bytes", () => {
    expect(positionOf('{"写真": x}', 8)).toEqual({ line: 1, column: 9, lineText: '{"写真": x}' });
    expect(hasLoneBackslash('{"a": "C:\\\\ok"}')).toBe(false);
    expect(hasLoneBackslash('{"a": "\\u00e9 \\n"}')).toBe(false);
    expect(hasLoneBackslash('{"a": "C:\\Photos"}')).toBe(true);
  });
});

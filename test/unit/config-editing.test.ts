/**
 * The pure parts of live config and the settings editor: where a key sits in the file (line,
 * column), secrets out and back in, the user's key order, a refused file's fault, the pasted
 * `rclone authorize` token, and the subpath preview.
 */
import { describe, expect, it } from "vitest";
import {
  indentOf,
  inPreviousOrder,
  SECRET_PLACEHOLDER,
  withoutSecrets,
  withSecretsFrom,
} from "../../src/app/config-document.js";
import { faultOf } from "../../src/app/config-fault.js";
import { parseRcloneToken } from "../../src/app/oauth-token.js";
import { previewPath } from "../../src/app/settings-checks.js";
import { positionOf } from "../../src/config/config-position.js";
import { parseConfig } from "../../src/config/load.js";
import { SyncError } from "../../src/domain/errors.js";

const TEXT = `{
  "destinations": [
    { "name": "local", "remote": "./var/cloud" },
    {
      "name": "backup",
      "remote": "./var/b",
      "concurrency": 0
    }
  ]
}
`;

describe("config positions and faults", () => {
  it("finds a key's line and column, and the nearest parent of a missing one", () => {
    expect(positionOf(TEXT, ["destinations", 1, "concurrency"])).toEqual({ line: 7, column: 22 });
    expect(positionOf(TEXT, ["destinations", 0, "remote"])).toEqual({ line: 3, column: 34 });
    expect(positionOf(TEXT, ["destinations", 1, "missing"])).toEqual({ line: 4, column: 5 });
    expect(positionOf("{ nope", ["a"])).toBeUndefined();
  });

  it("names key, line and column of a schema refusal, in the message too", () => {
    let error: unknown;
    try {
      parseConfig(JSON.parse(TEXT), { baseDir: "/tmp", source: "config.json", text: TEXT });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).message).toContain("`destinations[1].concurrency` (line 7, column 22)");
    expect(faultOf("config.json", TEXT, error, 1)).toMatchObject({
      key: "destinations[1].concurrency",
      line: 7,
      column: 22,
    });
  });

  it("refuses two watch rules on the same folder, naming the key", () => {
    const input = {
      destinations: [{ name: "d", remote: "./d" }],
      watch: [{ path: "./export" }, { path: "export/" }],
    };
    expect(() => parseConfig(input, { baseDir: "/tmp", source: "config.json" })).toThrow(
      /watch\[1\]\.path.*watches the same folder as watch\[0\]/,
    );
  });

  it("places a JSON syntax error (a Windows path with single backslashes)", () => {
    const text = '{\n  "destinations": [{ "name": "d", "remote": "C:\\Users\\me" }]\n}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }
    const fault = faultOf("config.json", text, new SyncError("CONFIG_INVALID", String(error)), 1);
    expect(fault.key).toBeNull();
    expect(fault.line).toBe(2);
  });
});

describe("the settings document", () => {
  const stored = {
    destinations: [
      { name: "nas", remote: ":webdav,url='https://nas',pass='abc':" },
      { name: "local", remote: "./x" },
    ],
    notify: [{ type: "slack", url: "https://hooks.slack.com/services/T/B/KEY" }],
    store: { type: "postgres", url: "postgres://me:pw@db/x" },
  };

  it("sends secrets as the placeholder and puts them back, by destination name and channel place", () => {
    const shown = withoutSecrets(stored) as typeof stored;
    expect(JSON.stringify(shown)).not.toMatch(/abc|KEY|pw@/);
    expect(shown.notify[0]?.url).toBe(SECRET_PLACEHOLDER);
    expect(shown.destinations[1]?.remote).toBe("./x");
    // Reordered destinations still find their secret.
    const edited = { ...shown, destinations: [shown.destinations[1], shown.destinations[0]] };
    const { document, unmatched } = withSecretsFrom(edited, stored);
    expect(unmatched).toEqual([]);
    expect((document as typeof stored).destinations[1]?.remote).toBe(stored.destinations[0]?.remote);
    expect((document as typeof stored).store.url).toBe(stored.store.url);
  });

  it("reports a placeholder with no secret behind it", () => {
    const { unmatched } = withSecretsFrom({ notify: [{ type: "discord", url: SECRET_PLACEHOLDER }] }, stored);
    expect(unmatched).toEqual([["notify", 0, "url"]]);
  });

  it("keeps the user's key order and indentation", () => {
    const next = inPreviousOrder(
      { name: "n", concurrency: 2, remote: "r", path: "p" },
      { remote: "x", name: "y" },
    );
    expect(Object.keys(next as object)).toEqual(["remote", "name", "concurrency", "path"]);
    expect(indentOf('{\n    "a": 1\n}')).toBe("    ");
    expect(indentOf('{\n\t"a": 1\n}')).toBe("\t");
    expect(indentOf(undefined)).toBe(2);
  });
});

describe("pasted rclone authorize output", () => {
  const json = '{"access_token":"ya29.a","token_type":"Bearer","expiry":"2030-01-01T00:00:00Z"}';

  it("takes the bare JSON or the whole Paste-the-following text", () => {
    expect(JSON.parse(parseRcloneToken(json, "drive")).access_token).toBe("ya29.a");
    const printed = `Paste the following into your remote machine --->\n${json}\n<---End paste\n`;
    expect(parseRcloneToken(printed, "drive")).toBe(json);
  });

  it("refuses anything else with the command to run", () => {
    for (const wrong of ["", "4/0AbCd", "https://x/?code=1", '{"refresh_token":"r"}', "{not json"]) {
      expect(() => parseRcloneToken(wrong, "dropbox")).toThrow(/not a dropbox token/);
    }
    try {
      parseRcloneToken("x", "onedrive");
    } catch (error) {
      expect((error as SyncError).code).toBe("TOKEN_INVALID");
      expect((error as SyncError).hint).toContain('rclone authorize "onedrive"');
    }
  });
});

describe("the subpath preview", () => {
  it("renders a sample with the watcher's template code", () => {
    expect(
      previewPath({
        subpath: "{yyyy}/{mm}/{folder}",
        fileName: "{name}.{ext}",
        sample: "Wedding/DSC_0001.NEF",
        date: "2026-04-01",
      }),
    ).toBe("2026/04/Wedding/DSC_0001.NEF");
    expect(() =>
      previewPath({ subpath: "{nope}", fileName: "{name}.{ext}", sample: "a.jpg", date: "2026-04-01" }),
    ).toThrow(/nope/);
  });
});

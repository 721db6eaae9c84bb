import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { reveal } from "../../src/transport/rclone-obscure.js";
import { readRemoteSettings, splitRemote } from "../../src/transport/remote-settings.js";
import { s3Target } from "../../src/transport/s3/s3-settings.js";
import { hostKeys, sftpTarget } from "../../src/transport/sftp/sftp-settings.js";

const never = async () => {
  throw new Error("no rclone.conf here");
};

describe("a destination's rclone remote, read for our own transports", () => {
  it("splits connection strings with quoted values, and named remotes with overrides", () => {
    expect(
      splitRemote(":s3,provider=Other,endpoint='http://127.0.0.1:9000',acl=\"it's\":photos/写真 2026"),
    ).toEqual({
      name: ":s3",
      options: { provider: "Other", endpoint: "http://127.0.0.1:9000", acl: "it's" },
      path: "photos/写真 2026",
    });
    expect(splitRemote("nas,port=2222:base")).toEqual({
      name: "nas",
      options: { port: "2222" },
      path: "base",
    });
    expect(splitRemote("/local/folder")).toBeNull();
  });

  it("reads a named remote through rclone's config/get, connection-string options on top", async () => {
    const settings = await readRemoteSettings(
      "wasabi,region=eu-central-1:bucket/base",
      async (name): Promise<Record<string, string>> =>
        name === "wasabi" ? { type: "s3", provider: "Wasabi", region: "us-east-1" } : {},
      AbortSignal.timeout(1000),
    );
    expect(settings).toEqual({
      type: "s3",
      settings: { type: "s3", provider: "Wasabi", region: "eu-central-1" },
      path: "bucket/base",
    });
    expect(await readRemoteSettings("gone:x", never, AbortSignal.timeout(1000))).toBe(
      'rclone has no remote "gone"',
    );
  });

  it("reveals rclone-obscured passwords", () => {
    const obscured = execFileSync("rclone", ["obscure", "correct horse 写真"], { encoding: "utf8" }).trim();
    expect(reveal(obscured)).toBe("correct horse 写真");
  });

  it("maps S3 settings to the SDK: bucket, prefix, path style, checksums only when required", () => {
    const target = s3Target({
      type: "s3",
      settings: { provider: "Minio", endpoint: "127.0.0.1:9000", access_key_id: "a", secret_access_key: "b" },
      path: "photos/2026/11",
    });
    expect(target).toMatchObject({
      bucket: "photos",
      prefix: "2026/11/",
      client: {
        endpoint: "https://127.0.0.1:9000",
        forcePathStyle: true,
        region: "us-east-1",
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      },
    });
    expect(
      s3Target({ type: "s3", settings: { provider: "AWS", env_auth: "true" }, path: "b" }),
    ).toMatchObject({
      client: { forcePathStyle: false },
    });
  });

  it("says why S3 or SFTP settings cannot be used (rclone then uploads)", () => {
    expect(s3Target({ type: "s3", settings: { provider: "AWS" }, path: "b" })).toBe(
      "no access_key_id/secret_access_key and env_auth is off",
    );
    expect(s3Target({ type: "s3", settings: { env_auth: "true", sse_kms_key_id: "k" }, path: "b" })).toBe(
      "the setting sse_kms_key_id is not supported",
    );
    expect(s3Target({ type: "s3", settings: { env_auth: "true" }, path: "" })).toBe(
      "no bucket in the remote path",
    );
    expect(sftpTarget({ type: "sftp", settings: { host: "nas", ssh: "ssh -p 22 nas" }, path: "" })).toBe(
      "the setting ssh is not supported",
    );
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      expect(sftpTarget({ type: "sftp", settings: { host: "nas" }, path: "" })).toBe(
        "no password, key file or ssh-agent",
      );
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });

  it("reads host keys from known_hosts, with [host]:port for other ports", () => {
    const text = ["nas ssh-ed25519 AAAA1", "[nas]:2222 ssh-ed25519 AAAA2", "other ssh-rsa AAAA3"].join("\n");
    expect([...hostKeys(text, "nas", 22)]).toEqual(["AAAA1"]);
    expect([...hostKeys(text, "nas", 2222)]).toEqual(["AAAA2"]);
  });
});

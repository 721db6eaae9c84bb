/** What the managed rclone rcd inherits from our environment. */
import { describe, expect, it } from "vitest";
import { rcdEnvironment } from "../../src/rclone/rcd-environment.js";

describe("rcdEnvironment", () => {
  it("never passes on what turns rclone's post-copy size and hash check off (the engine relies on it)", () => {
    const { env } = rcdEnvironment({
      PATH: "/usr/bin",
      RCLONE_IGNORE_CHECKSUM: "true",
      RCLONE_IGNORE_SIZE: "true",
      RCLONE_TRANSFERS: "8",
    });
    expect(env).toEqual({ PATH: "/usr/bin", RCLONE_TRANSFERS: "8", GOGC: "200" });
  });

  it("runs Go's collector less often (GOGC 200), unless the user chose their own GOGC", () => {
    expect(rcdEnvironment({ PATH: "/usr/bin" }).env.GOGC).toBe("200");
    expect(rcdEnvironment({ PATH: "/usr/bin", GOGC: "50" }).env.GOGC).toBe("50");
    expect(rcdEnvironment({ PATH: "/usr/bin", GOGC: "" }).env.GOGC).toBe("200");
  });

  it("closes idle SFTP connections after 2 s (a group's staging folder has its own), unless the user chose", () => {
    expect(rcdEnvironment({ PATH: "/usr/bin" }).args).toEqual(["--sftp-idle-timeout", "2s"]);
    expect(rcdEnvironment({ PATH: "/usr/bin", RCLONE_SFTP_IDLE_TIMEOUT: "30s" }).args).toEqual([]);
    const { args } = rcdEnvironment({
      PATH: "/usr/bin",
      AWS_CA_BUNDLE: "/etc/ssl/certs/ca-certificates.crt",
    });
    expect(args.slice(0, 2)).toEqual(["--sftp-idle-timeout", "2s"]);
  });
});

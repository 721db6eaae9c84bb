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

  it("leaves rclone's own settings alone: SFTP keeps an idle connection its minute, for the next file", () => {
    // Files to SFTP go one by one through the destination's own remote (no staging remotes
    // with connections of their own), so a trickle of exports reuses one connection.
    expect(rcdEnvironment({ PATH: "/usr/bin" }).args).toEqual([]);
  });
});

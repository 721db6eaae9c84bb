/** `junmai-sync notify test` against loopback receivers: a verdict per channel, secrets never printed. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { type HttpReceiver, startHttpReceiver } from "../fixtures/http-receiver.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

let receiver: HttpReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("junmai-sync notify test", () => {
  it("sends a sample to each channel and says which worked, without printing a webhook address", async () => {
    receiver = await startHttpReceiver();
    receiver.always("/api/webhooks/123/s3cr3t-discord-token", 404);
    const dir = makeTempDir("junmai-e2e-");
    const env = isolatedEnv(path.join(dir, "data"), {
      DISCORD_URL: `${receiver.url}/api/webhooks/123/s3cr3t-discord-token`,
    });
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [{ name: "nas", remote: "./nas" }],
        notify: [
          { type: "webhook", url: `${receiver.url}/hook` },
          { type: "discord", name: "studio-discord", urlEnv: "DISCORD_URL" },
        ],
      }),
    );
    const all = await runCli(["--config", config, "notify", "test"], { cwd: dir, env });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("✓ webhook#1: sent");
    expect(all.stdout).toContain("✗ studio-discord");
    expect(all.stdout).toContain("NOTIFY_FAILED: Channel studio-discord: the server answered HTTP 404.");
    expect(all.stdout + all.stderr).not.toContain("s3cr3t");
    expect(JSON.parse(receiver.to("/hook")[0]?.body ?? "")).toMatchObject({
      test: true,
      event: "batch.completed",
    });

    const one = await runCli(["--config", config, "notify", "test", "--channel", "webhook#1", "--json"], {
      cwd: dir,
      env,
    });
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([{ channel: "webhook#1", ok: true, attempts: 1, error: null }]);

    const unknown = await runCli(["--config", config, "notify", "test", "--channel", "pager"], {
      cwd: dir,
      env,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no channel named "pager" (known: webhook#1, studio-discord)');
  });
});

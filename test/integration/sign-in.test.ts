/**
 * Cloud sign-in from the browser, end to end through the daemon's API and a real rclone rcd,
 * against a stand-in OAuth provider on loopback (rclone's `auth_url`/`token_url`). rclone's
 * sign-in port 53682 is fixed, so these run one after another and no other test may sign in
 * at the same time.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignIns } from "../../src/app/sign-in.js";
import { SILENT_LOGGER } from "../../src/engine/events.js";
import { RcdSupervisor } from "../../src/rclone/rcd-supervisor.js";
import { type ApiHarness, startApi } from "../fixtures/api.js";
import { type FakeOAuth, holdSignInPort, openSignInPage, startFakeOAuth } from "../fixtures/fake-oauth.js";
import { makeSuiteTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

interface RemoteBody {
  readonly name: string;
  readonly type: string | null;
  readonly configured: boolean;
  readonly signIn: { readonly state: string; readonly error?: string } | null;
}

let api: ApiHarness;
let release: () => void = () => {};
let oauth: FakeOAuth;
let rcloneConf: string;

beforeAll(async () => {
  release = await holdSignInPort();
  oauth = await startFakeOAuth();
  rcloneConf = path.join(makeSuiteTempDir("junmai-signin-"), "rclone.conf");
  api = await startApi(
    { destinations: [{ name: "local", remote: "./var/cloud" }], rclone: { configPath: rcloneConf } },
    { workers: false },
  );
});

afterAll(async () => {
  await api?.close();
  await oauth?.stop();
  release();
});

function signIn(body: unknown): Promise<Response> {
  return api.call("/api/v1/remotes", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function remote(name: string): Promise<RemoteBody> {
  return (await (await api.call(`/api/v1/remotes/${name}`)).json()) as RemoteBody;
}

const parameters = () => ({
  client_id: "fake-client",
  client_secret: "fake-secret",
  auth_url: oauth.authUrl,
  token_url: oauth.tokenUrl,
});

describe("POST /api/v1/remotes (sign-in through rclone)", () => {
  it("hands out rclone's sign-in page; opening it saves the token, and GET never shows it", async () => {
    const started = await signIn({ name: "dbx", type: "dropbox", parameters: parameters() });
    expect(started.status).toBe(200);
    const answer = (await started.json()) as { state: string; url: string };
    expect(answer.state).toBe("authorize");
    expect(answer.url).toMatch(/^http:\/\/127\.0\.0\.1:53682\/auth\?state=/);
    expect((await remote("dbx")).signIn).toEqual({ state: "waiting" });

    // A second sign-in while this one waits: refused, clearly.
    const second = await signIn({ name: "gdrive", type: "drive", parameters: parameters() });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      code: "SIGN_IN_BUSY",
      message: expect.stringMatching(/already waiting/),
    });

    // The browser: rclone's page → the provider → back to rclone, which fetches the token.
    await openSignInPage(answer.url);
    const done = await eventually(async () => {
      const now = await remote("dbx");
      return now.configured ? now : undefined;
    }, 30_000);
    expect(done).toEqual({ name: "dbx", type: "dropbox", configured: true, signIn: null });
    expect(JSON.stringify(done)).not.toContain(oauth.accessToken);
    expect(readFileSync(rcloneConf, "utf8")).toContain(oauth.accessToken);
    expect(oauth.tokenRequests).toBe(1);
  });

  it("the provider refusing: the reason is shown and nothing is saved", async () => {
    oauth.refuse = true;
    try {
      const answer = (await (
        await signIn({ name: "refused", type: "dropbox", parameters: parameters() })
      ).json()) as {
        url: string;
      };
      await openSignInPage(answer.url);
      const failed = await eventually(async () => {
        const now = await remote("refused");
        return now.signIn?.state === "failed" ? now : undefined;
      }, 30_000);
      expect(failed.signIn?.error).toMatch(/did not succeed.*Nothing was saved/);
      expect(failed).toMatchObject({ type: null, configured: false });
      expect(readFileSync(rcloneConf, "utf8")).not.toContain("[refused]");
    } finally {
      oauth.refuse = false;
    }
  });

  it("a sign-in left open (the tab closed) is cancelled, port 53682 freed, nothing saved", async () => {
    const answer = (await (
      await signIn({ name: "closed", type: "drive", parameters: parameters() })
    ).json()) as {
      state: string;
    };
    expect(answer.state).toBe("authorize");
    // What the 5-minute timer does, on demand.
    expect((await api.call("/api/v1/remotes/sign-in/cancel", { method: "POST" })).status).toBe(200);
    await eventually(
      async () => ((await remote("closed")).signIn?.state === "failed" ? true : undefined),
      30_000,
    );
    expect(readFileSync(rcloneConf, "utf8")).not.toContain("[closed]");
    // The port is free again: the next sign-in starts.
    const next = (await (
      await signIn({ name: "again", type: "dropbox", parameters: parameters() })
    ).json()) as {
      state: string;
    };
    expect(next.state).toBe("authorize");
    await api.call("/api/v1/remotes/sign-in/cancel", { method: "POST" });
    await eventually(
      async () => ((await remote("again")).signIn?.state === "failed" ? true : undefined),
      30_000,
    );
  });

  it("the paste path: the exact command, then the token rclone authorize printed; anything else refused", async () => {
    const asked = (await (await signIn({ name: "pasted", type: "onedrive", mode: "paste" })).json()) as {
      state: string;
      command: string;
    };
    expect(asked).toEqual({ state: "paste", command: 'rclone authorize "onedrive"' });
    const wrong = await signIn({
      name: "pasted",
      type: "dropbox",
      mode: "paste",
      token: "https://example.invalid/?code=1",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "TOKEN_INVALID" });
    expect(readFileSync(rcloneConf, "utf8")).not.toContain("[pasted]");
    const printed = `Paste the following into your remote machine --->\n{"access_token":"pasted-access","token_type":"bearer","refresh_token":"r","expiry":"2030-01-01T00:00:00Z"}\n<---End paste`;
    const saved = await signIn({ name: "pasted", type: "dropbox", mode: "paste", token: printed });
    expect(await saved.json()).toEqual({ state: "done" });
    expect(await remote("pasted")).toMatchObject({ type: "dropbox", configured: true });
  });

  it("a sign-in nobody finishes times out by itself, frees the port and saves nothing", async () => {
    const listeners = new Set<(line: string) => void>();
    const rcd = new RcdSupervisor({
      binary: "rclone",
      configPath: rcloneConf,
      onLog: (line) => {
        for (const listener of listeners) listener(line);
      },
    });
    const signIns = new SignIns({
      client: () => rcd.client(),
      onRcloneLog: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      logger: SILENT_LOGGER,
      timeoutMs: 1_500,
    });
    try {
      const answer = await signIns.start({ name: "forgotten", type: "dropbox", parameters: parameters() });
      expect(answer.state).toBe("authorize");
      const failed = await eventually(async () => {
        const now = await signIns.remote("forgotten");
        return now.signIn?.state === "failed" ? now : undefined;
      }, 30_000);
      expect(failed.signIn?.error).toMatch(/not finished within 0 minutes|was cancelled/);
      expect(failed.configured).toBe(false);
      expect(readFileSync(rcloneConf, "utf8")).not.toContain("[forgotten]");
    } finally {
      await rcd.close();
    }
  });

  it("refuses remote names with / or spaces", async () => {
    for (const name of ["my drive", "a/b"]) {
      const answer = await signIn({ name, type: "dropbox" });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({
        code: "REQUEST_INVALID",
        message: expect.stringMatching(/no spaces or \//),
      });
    }
  });
});

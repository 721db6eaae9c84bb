/**
 * Batch notifications delivered for real: a loopback HTTP receiver standing in for a generic
 * webhook, Slack, Discord and ntfy, and a loopback SMTP server for email. Uploads are real
 * (rclone to a local folder); only the channels' endpoints are ours.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncService } from "../../src/app/sync-service.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { SILENT_LOGGER } from "../../src/engine/events.js";
import { Notifier, type NotifyOutcome } from "../../src/notify/notifier.js";
import { writeRandomFile } from "../fixtures/files.js";
import { type HttpReceiver, startHttpReceiver } from "../fixtures/http-receiver.js";
import { openTestService } from "../fixtures/service.js";
import { type SmtpSink, startSmtpSink } from "../fixtures/smtp-sink.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const SLACK_SECRET_PATH = "/services/T000/B000/s3cr3t-slack-path";

let receiver: HttpReceiver | undefined;
let smtp: SmtpSink | undefined;
let service: SyncService | undefined;
let notifier: Notifier | undefined;

afterEach(async () => {
  await notifier?.close();
  await service?.close();
  await receiver?.close();
  await smtp?.close();
  [receiver, smtp, service, notifier] = [undefined, undefined, undefined, undefined];
});

async function setUp(
  notify: (url: string, smtpPort: number) => ConfigInput["notify"],
  env: NodeJS.ProcessEnv = {},
  language: "en" | "ja" = "en",
) {
  receiver = await startHttpReceiver();
  smtp = await startSmtpSink({ user: "studio", password: "mail-pass-42" });
  const dir = makeTempDir("junmai-notify-");
  service = await openTestService(
    {
      destinations: [{ name: "cloud", remote: "./cloud" }],
      // Notifications follow the config's language (else the OS locale): pinned, never the machine's.
      language,
      timeZone: "Asia/Tokyo",
      notify: notify(receiver.url, smtp.port),
      engine: { pollIntervalMs: 100, shutdownGraceSeconds: 5, batchQuietSeconds: 1 },
    },
    { dir },
  );
  const outcomes: NotifyOutcome[] = [];
  notifier = new Notifier(service, {
    logger: SILENT_LOGGER,
    env: { SLACK_URL: `${receiver.url}${SLACK_SECRET_PATH}`, SMTP_PASSWORD: "mail-pass-42", ...env },
    delay: () => 20,
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  return { dir, receiver, smtp, service, outcomes };
}

/** Quoted-printable bytes (`=E6=A1=9C`) back to UTF-8 text. */
function unquote(text: string): string {
  const bytes = text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The text of a mail: its Subject's encoded words and its quoted-printable or base64 body, decoded. */
function decodeMail(raw: string): { subject: string; body: string } {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = (/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "").replace(
    /=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi,
    (_, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : unquote(data.replace(/_/g, " ")),
  );
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(unfolded)?.[1]?.toLowerCase();
  const text = rest.join("\n\n");
  const body =
    encoding === "base64"
      ? Buffer.from(text.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? unquote(text.replace(/=\r?\n/g, ""))
        : text;
  return { subject, body };
}

describe("batch notifications", () => {
  it("send one message per batch to a webhook, Slack, Discord, ntfy and email", async () => {
    const { dir, receiver, smtp, service } = await setUp((url, smtpPort) => [
      { type: "webhook", url: `${url}/hook`, headers: { "X-Studio": "yamada" } },
      { type: "slack", urlEnv: "SLACK_URL" },
      { type: "discord", url: `${url}/discord` },
      { type: "ntfy", url: `${url}/studio-uploads`, token: "tk_ntfy" },
      {
        type: "email",
        host: "127.0.0.1",
        port: smtpPort,
        user: "studio",
        passwordEnv: "SMTP_PASSWORD",
        from: "junmai-sync <sync@studio.test>",
        to: ["client@example.test"],
      },
    ]);
    writeRandomFile(dir, "wedding/写真_桜.jpg", 40_000);
    writeRandomFile(dir, "wedding/IMG_0002.jpg", 60_000);
    // A named batch stays open a quiet second for late files; the running workers announce it after.
    const stop = new AbortController();
    const workers = service.runWorkers(stop.signal);
    await service.uploadBatch([path.join(dir, "wedding")], { batchName: "桜の結婚式" });
    await eventually(
      () => (receiver.received.length >= 4 && smtp.mails.length >= 1 ? true : undefined),
      30_000,
    );
    stop.abort();
    await workers;

    const webhook = receiver.to("/hook");
    expect(webhook).toHaveLength(1);
    expect(webhook[0]?.headers["x-studio"]).toBe("yamada");
    expect(JSON.parse(webhook[0]?.body ?? "")).toMatchObject({
      version: 1,
      event: "batch.completed",
      batch: { name: "桜の結婚式" },
      files: { total: 2, delivered: 2, failed: 0 },
      bytes: 100_000,
      destinations: ["cloud"],
      failures: [],
      test: false,
    });

    const slack = JSON.parse(receiver.to(SLACK_SECRET_PATH)[0]?.body ?? "");
    expect(slack.text).toBe("✓ 桜の結婚式: 2 files delivered to cloud");
    expect(slack.blocks[1].text.text).toContain("2 of 2 files delivered");

    const discord = JSON.parse(receiver.to("/discord")[0]?.body ?? "");
    expect(discord.embeds[0]).toMatchObject({
      title: "✓ 桜の結婚式: 2 files delivered to cloud",
      color: 0x2f6f5e,
    });
    expect(discord.allowed_mentions).toEqual({ parse: [] });

    const ntfy = receiver.to("/studio-uploads")[0];
    expect(ntfy?.headers.authorization).toBe("Bearer tk_ntfy");
    const title = /^=\?UTF-8\?B\?(.*)\?=$/.exec(String(ntfy?.headers.title))?.[1] ?? "";
    expect(Buffer.from(title, "base64").toString("utf8")).toBe("✓ 桜の結婚式: 2 files delivered to cloud");
    expect(ntfy?.body).toContain("2 of 2 files delivered");

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail).toMatchObject({ from: "sync@studio.test", to: ["client@example.test"], user: "studio" });
    const decoded = decodeMail(mail?.raw ?? "");
    expect(decoded.subject).toBe("✓ 桜の結婚式: 2 files delivered to cloud");
    expect(decoded.body).toContain("2 of 2 files delivered");
  });

  it("are written in the config's language: the same batch in Japanese, the webhook JSON unchanged", async () => {
    const { dir, receiver, smtp, service } = await setUp(
      (url, smtpPort) => [
        { type: "webhook", url: `${url}/hook` },
        { type: "slack", urlEnv: "SLACK_URL" },
        { type: "ntfy", url: `${url}/studio-uploads` },
        {
          type: "email",
          host: "127.0.0.1",
          port: smtpPort,
          user: "studio",
          passwordEnv: "SMTP_PASSWORD",
          from: "junmai-sync <sync@studio.test>",
          to: ["client@example.test"],
        },
      ],
      {},
      "ja",
    );
    writeRandomFile(dir, "結婚式/写真_桜.jpg", 40_000);
    writeRandomFile(dir, "結婚式/IMG_0002.jpg", 60_000);
    const stop = new AbortController();
    const workers = service.runWorkers(stop.signal);
    await service.uploadBatch([path.join(dir, "結婚式")], { batchName: "桜の結婚式" });
    await eventually(
      () => (receiver.received.length >= 3 && smtp.mails.length >= 1 ? true : undefined),
      30_000,
    );
    stop.abort();
    await workers;

    const slack = JSON.parse(receiver.to(SLACK_SECRET_PATH)[0]?.body ?? "");
    expect(slack.text).toBe("✓ 桜の結婚式: 2 個のファイルを cloud にアップロードしました");
    expect(slack.blocks[1].text.text).toMatch(/^2 個中 2 個を送信 · 100 KB · \d+(秒|分\d+秒) · /);
    const ntfy = receiver.to("/studio-uploads")[0];
    expect(ntfy?.body).toMatch(/^2 個中 2 個を送信/);
    const mail = decodeMail(smtp.mails[0]?.raw ?? "");
    expect(mail.subject).toBe("✓ 桜の結婚式: 2 個のファイルを cloud にアップロードしました");
    expect(mail.body).toContain("2 個中 2 個を送信");
    // The webhook is for programs: the same English-keyed JSON in every language.
    expect(JSON.parse(receiver.to("/hook")[0]?.body ?? "")).toMatchObject({
      event: "batch.completed",
      files: { total: 2, delivered: 2, failed: 0 },
    });
  });

  it("say which files failed and why, and only to channels that want failures", async () => {
    const { dir, receiver, service } = await setUp((url) => [
      { type: "webhook", url: `${url}/failures`, on: ["failed"] },
      { type: "webhook", url: `${url}/successes`, on: ["completed"] },
    ]);
    writeRandomFile(dir, "ok.jpg", 10_000);
    await service.uploadBatch([path.join(dir, "ok.jpg"), path.join(dir, "夜景_gone.jpg")]);
    await service.processQueue();
    await eventually(() => (receiver.to("/failures").length > 0 ? true : undefined), 30_000);
    const report = JSON.parse(receiver.to("/failures")[0]?.body ?? "");
    expect(report).toMatchObject({
      event: "batch.failed",
      files: { total: 2, delivered: 1, failed: 1 },
      failures: [
        {
          remotePath: "夜景_gone.jpg",
          destination: "cloud",
          code: "SOURCE_MISSING",
          hint: expect.any(String),
        },
      ],
    });
    expect(receiver.to("/successes")).toHaveLength(0);
  });

  it("retry a failing channel, give up at once on a revoked one, and never show its secret address", async () => {
    const { dir, receiver, service, outcomes } = await setUp((url) => [
      { type: "webhook", url: `${url}/flaky` },
      { type: "slack", urlEnv: "SLACK_URL" },
    ]);
    receiver.failNext("/flaky", 2, 503);
    receiver.always(SLACK_SECRET_PATH, 404);
    writeRandomFile(dir, "a.jpg", 5_000);
    await service.uploadBatch([path.join(dir, "a.jpg")]);
    await service.processQueue();
    await eventually(() => (outcomes.length >= 2 ? true : undefined), 30_000);
    const flaky = outcomes.find((outcome) => outcome.channel === "webhook#1");
    expect(flaky).toMatchObject({ ok: true, attempts: 3 });
    expect(receiver.to("/flaky")).toHaveLength(3);
    const revoked = outcomes.find((outcome) => outcome.channel === "slack#2");
    expect(revoked).toMatchObject({ ok: false, attempts: 1, error: { code: "NOTIFY_FAILED" } });
    expect(revoked?.error?.message).toBe("Channel slack#2: the server answered HTTP 404.");
    expect(revoked?.error?.hint).toContain("revoked");
    expect(JSON.stringify(revoked?.error?.toInfo())).not.toContain("s3cr3t");
  });

  it("never hold up uploads: the queue finishes while a channel has not answered", async () => {
    const { dir, receiver, service, outcomes } = await setUp((url) => [
      { type: "webhook", url: `${url}/slow` },
    ]);
    receiver.hold();
    writeRandomFile(dir, "first.jpg", 5_000);
    await service.uploadBatch([path.join(dir, "first.jpg")]);
    await service.processQueue();
    await eventually(() => (receiver.to("/slow").length > 0 ? true : undefined), 30_000);
    // The message is still waiting for an answer; a second batch uploads regardless.
    writeRandomFile(dir, "second.jpg", 5_000);
    await service.uploadBatch([path.join(dir, "second.jpg")]);
    await service.processQueue();
    expect(await service.getCounts()).toMatchObject({ completed: 2 });
    expect(outcomes).toHaveLength(0);
    receiver.release();
    await eventually(() => (outcomes.length >= 2 ? true : undefined), 30_000);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it("send a batch that finished while no notifier ran when one starts, and only once", async () => {
    const { dir, receiver, service } = await setUp((url) => [{ type: "webhook", url: `${url}/late` }]);
    // The notifier of setUp follows batches; this one finishes while none does.
    await notifier?.close();
    writeRandomFile(dir, "while-away.jpg", 5_000);
    // Unnamed, so it closes with its last job: no quiet period to wait out with no worker left.
    const { batch } = await service.uploadBatch([path.join(dir, "while-away.jpg")]);
    await service.processQueue();
    expect(receiver.to("/late")).toHaveLength(0);

    notifier = new Notifier(service, { logger: SILENT_LOGGER, delay: () => 20 });
    await eventually(() => (receiver.to("/late").length > 0 ? true : undefined), 30_000);
    expect(JSON.parse(receiver.to("/late")[0]?.body ?? "")).toMatchObject({ batch: { id: batch.id } });
    await notifier.close();

    // A restart owes nothing more.
    notifier = new Notifier(service, { logger: SILENT_LOGGER, delay: () => 20 });
    await notifier.catchUp();
    expect(receiver.to("/late")).toHaveLength(1);
  });

  it("are sent by one of two daemons following the same queue", async () => {
    const { dir, receiver, service } = await setUp((url) => [{ type: "webhook", url: `${url}/once` }]);
    const twin = new Notifier(service, { logger: SILENT_LOGGER, delay: () => 20 });
    try {
      writeRandomFile(dir, "a.jpg", 5_000);
      await service.uploadBatch([path.join(dir, "a.jpg")]);
      await service.processQueue();
      await eventually(() => (receiver.to("/once").length > 0 ? true : undefined), 30_000);
    } finally {
      await twin.close();
    }
    await notifier?.close();
    expect(receiver.to("/once")).toHaveLength(1);
  });
});

/**
 * Sends one report over one channel. Secrets (webhook URLs, tokens, passwords) are read from the
 * config or the environment here, at send time, and never appear in an error: a failure names
 * the channel and what went wrong (status, network), not the address it went to.
 */
import type { NamedNotifyChannel } from "../config/resolve.js";
import type { Notice } from "../domain/batch-report.js";
import { SyncError } from "../domain/errors.js";
import type { Translator } from "../i18n/translator.js";
import { discordMessage, emailMessage, ntfyMessage, slackMessage } from "./channel-messages.js";

const TIMEOUT_MS = 15_000;

export async function sendToChannel(
  channel: NamedNotifyChannel,
  report: Notice,
  tr: Translator,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  switch (channel.type) {
    case "webhook":
      return post(channel.name, secretUrl(channel, env), JSON.stringify(report), {
        "Content-Type": "application/json",
        ...channel.headers,
      });
    case "slack":
      return post(channel.name, secretUrl(channel, env), JSON.stringify(slackMessage(report, tr)), {
        "Content-Type": "application/json",
      });
    case "discord":
      return post(channel.name, secretUrl(channel, env), JSON.stringify(discordMessage(report, tr)), {
        "Content-Type": "application/json",
      });
    case "ntfy": {
      const message = ntfyMessage(report, tr);
      const token = channel.token ?? fromEnv(channel.name, "tokenEnv", channel.tokenEnv, env);
      return post(channel.name, channel.url, message.body, {
        "Content-Type": "text/plain; charset=utf-8",
        ...message.headers,
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      });
    }
    case "email":
      return sendEmail(channel, report, tr, env);
  }
}

type EmailChannel = Extract<NamedNotifyChannel, { type: "email" }>;

async function sendEmail(
  channel: EmailChannel,
  report: Notice,
  tr: Translator,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  // Loaded only when an email goes out: most installations never send one.
  const { createTransport } = await import("nodemailer");
  const password = channel.password ?? fromEnv(channel.name, "passwordEnv", channel.passwordEnv, env);
  const transport = createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure ?? channel.port === 465,
    ...(channel.user === undefined ? {} : { auth: { user: channel.user, pass: password ?? "" } }),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const message = emailMessage(report, tr);
  try {
    await transport.sendMail({
      from: channel.from,
      to: [...channel.to],
      subject: message.subject,
      text: message.text,
    });
  } catch (error: unknown) {
    const code = (error as { code?: string; responseCode?: number }).code;
    const response = (error as { responseCode?: number }).responseCode;
    throw new SyncError(
      "NOTIFY_FAILED",
      `Email channel ${channel.name}: the SMTP server ${channel.host}:${channel.port} refused or failed (${response ?? code ?? "no answer"}).`,
      { cause: error },
    );
  } finally {
    transport.close();
  }
}

async function post(name: string, url: string, body: string, headers: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error: unknown) {
    const why =
      error instanceof Error && error.name === "TimeoutError"
        ? "no answer within 15 s"
        : "the server cannot be reached";
    throw new SyncError("NOTIFY_FAILED", `Channel ${name}: ${why}.`, { cause: error });
  }
  // The body is drained so the connection can be reused; its text is not shown (it may echo secrets).
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) {
    throw new SyncError("NOTIFY_FAILED", `Channel ${name}: the server answered HTTP ${response.status}.`, {
      temporary: response.status === 429 || response.status >= 500,
      hint:
        response.status === 401 || response.status === 403 || response.status === 404
          ? "The webhook URL or token is wrong or was revoked: create a new one and update the config."
          : undefined,
    });
  }
}

function secretUrl(
  channel: { readonly name: string; readonly url?: string | undefined; readonly urlEnv?: string | undefined },
  env: NodeJS.ProcessEnv,
): string {
  const url = channel.url ?? fromEnv(channel.name, "urlEnv", channel.urlEnv, env);
  if (url === undefined) throw new SyncError("CONFIG_INVALID", `Channel ${channel.name} has no URL.`);
  return url;
}

function fromEnv(
  channel: string,
  key: string,
  variable: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (variable === undefined) return undefined;
  const value = env[variable]?.trim();
  if (value === undefined || value === "") {
    throw new SyncError(
      "CONFIG_INVALID",
      `Channel ${channel}: \`${key}\` names ${variable}, which is not set.`,
      {
        hint: `Set ${variable} in the daemon's environment (a service's environment file, say).`,
      },
    );
  }
  return value;
}

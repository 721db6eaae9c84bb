/**
 * `junmai-sync token`: the daemon API's bearer token (created on first use, mode 0600), for
 * scripts (`curl -H "Authorization: Bearer $(junmai-sync token)"`) and, with `--url`, a
 * dashboard link that signs the browser in.
 */
import type { Command } from "commander";
import { loadApiToken } from "../../app/api-token.js";
import { readServerRecord } from "../../app/server-record.js";
import { isLoopbackHost } from "../../config/resolve-server.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerToken(program: Command, run: Run, tr: Translator): void {
  program
    .command("token")
    .description(tr.t("token.description"))
    .option("--url", tr.t("token.option.url"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: { url?: boolean; json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const token = loadApiToken(service.paths.dataDir);
          const running = readServerRecord(service.paths.dataDir);
          const { host, port } = service.config.server;
          const shownHost = isLoopbackHost(host) || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
          const base =
            running?.url ?? `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
          // The token travels in the fragment, which browsers never send to a server.
          const url = `${base}/#token=${encodeURIComponent(token.value)}`;
          if (flags.json) {
            printJson(context, {
              token: token.value,
              source: token.source,
              url,
              daemonRunning: running !== undefined,
            });
          } else {
            context.out.write(`${flags.url ? url : token.value}\n`);
          }
          return EXIT.OK;
        }),
      ),
    );
}

/** `junmai-sync remote list | add | test | encrypt`: set up destinations and trust them. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { askSecret, readAllStdin, secretFromEnv } from "../prompt.js";
import { padEndColumns } from "../render/format.js";
import { remoteTestLines } from "../render/remote-test.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

interface AddFlags {
  readonly type: string;
  readonly url?: string;
  readonly vendor?: string;
  readonly user?: string;
  readonly host?: string;
  readonly port?: string;
  readonly keyFile?: string;
  readonly provider?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly accessKeyId?: string;
  readonly remote?: string;
  readonly passwordEnv?: string;
  readonly secretKeyEnv?: string;
  readonly tokenFile?: string;
  readonly tokenStdin?: boolean;
  readonly set: string[];
  readonly json?: boolean;
}

export function registerRemote(program: Command, run: Run, tr: Translator): void {
  const remote = program.command("remote").description(tr.t("remote.description"));

  remote
    .command("list")
    .description(tr.t("remote.list.description"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const remotes = await service.remotes().list();
          if (flags.json) {
            printJson(context, remotes);
            return EXIT.OK;
          }
          if (remotes.length === 0) context.out.write(`${context.tr.t("remote.list.none")}\n`);
          for (const item of remotes) {
            const state =
              item.problem === null
                ? context.colors.green(`✓ ${context.tr.t("remote.list.usable")}`)
                : context.colors.yellow(`✗ ${item.problem}`);
            const used =
              item.usedBy.length === 0
                ? ""
                : `  ${context.tr.t("remote.list.usedBy", { destinations: item.usedBy.join(", ") })}`;
            context.out.write(`${padEndColumns(item.name, 16)} ${item.type.padEnd(10)} ${state}${used}\n`);
          }
          return EXIT.OK;
        }),
      ),
    );

  remote
    .command("add")
    .description(tr.t("remote.add.description"))
    .argument("<name>", tr.t("remote.add.arg.name"))
    .requiredOption("--type <type>", tr.t("remote.add.option.type"))
    .option("--url <url>", tr.t("remote.add.option.url"))
    .option("--vendor <vendor>", tr.t("remote.add.option.vendor"))
    .option("--user <user>", tr.t("remote.add.option.user"))
    .option("--host <host>", tr.t("remote.add.option.host"))
    .option("--port <port>", tr.t("remote.add.option.port"))
    .option("--key-file <file>", tr.t("remote.add.option.keyFile"))
    .option("--provider <provider>", tr.t("remote.add.option.provider"))
    .option("--region <region>", tr.t("remote.add.option.region"))
    .option("--endpoint <url>", tr.t("remote.add.option.endpoint"))
    .option("--access-key-id <id>", tr.t("remote.add.option.accessKeyId"))
    .option("--secret-key-env <NAME>", tr.t("remote.add.option.secretKeyEnv"))
    .option("--remote <remote>", tr.t("remote.add.option.remote"))
    .option("--password-env <NAME>", tr.t("remote.add.option.passwordEnv"))
    .option("--token-file <file>", tr.t("remote.add.option.tokenFile"))
    .option("--token-stdin", tr.t("remote.add.option.tokenStdin"))
    .option("--set <key=value>", tr.t("remote.add.option.set"), collect, [])
    .option("--json", tr.t("cli.option.json"))
    .action((name: string, flags: AddFlags) =>
      run((context) =>
        withService(context, async (service) => {
          const parameters = await parametersFor(context, flags);
          const { question } = await service.remotes().add(name, flags.type, parameters);
          if (flags.json) {
            printJson(context, { name, type: flags.type, question });
            return EXIT.OK;
          }
          const { tr } = context;
          if (question !== null) context.out.write(`${tr.t("remote.add.question", { question })}\n`);
          context.out.write(`${tr.t("remote.useAsDestination", { name })}\n`);
          const file = await service.remotes().configFile();
          context.out.write(
            `${context.colors.green("✓")} ${tr.t("remote.saved", { name, type: flags.type, file })}\n`,
          );
          return EXIT.OK;
        }),
      ),
    );

  remote
    .command("test")
    .description(tr.t("remote.test.description"))
    .argument("<name>", tr.t("remote.test.arg.name"))
    .option("--json", tr.t("cli.option.json"))
    .action((name: string, flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const result = await service.remotes().test(name);
          if (flags.json) printJson(context, result);
          else context.out.write(`${remoteTestLines(result, context.colors, context.tr).join("\n")}\n`);
          return result.ok ? EXIT.OK : EXIT.FAILED;
        }),
      ),
    );

  remote
    .command("encrypt")
    .description(tr.t("remote.encrypt.description"))
    .argument("<destination>", tr.t("remote.encrypt.arg.destination"))
    .option("--password-env <NAME>", tr.t("remote.encrypt.option.passwordEnv"))
    .option("--salt-env <NAME>", tr.t("remote.encrypt.option.saltEnv"))
    .action((name: string, flags: { passwordEnv?: string; saltEnv?: string }) =>
      run((context) =>
        withService(context, async (service) => {
          const password =
            flags.passwordEnv === undefined
              ? await askSecret(context.tr.t("remote.encrypt.ask", { name }))
              : secretFromEnv(flags.passwordEnv, context.tr.t("remote.secret.encryptionPassword"));
          const salt =
            flags.saltEnv === undefined
              ? undefined
              : secretFromEnv(flags.saltEnv, context.tr.t("remote.secret.salt"));
          const created = await service.remotes().encrypt(name, password, salt);
          context.out.write(
            `${context.tr.t("remote.encrypt.done", { name, remote: created.remote, wraps: created.wraps })}\n`,
          );
          return EXIT.OK;
        }),
      ),
    );
}

/** rclone's parameter names from our flags; secrets from the environment or a prompt. */
async function parametersFor(context: CommandContext, flags: AddFlags): Promise<Record<string, string>> {
  const parameters: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") parameters[key] = value;
  };
  put("url", flags.url);
  put("vendor", flags.vendor ?? (flags.type === "webdav" ? "other" : undefined));
  put("user", flags.user);
  put("host", flags.host);
  put("port", flags.port);
  put("key_file", flags.keyFile);
  put("provider", flags.provider);
  put("region", flags.region);
  put("endpoint", flags.endpoint);
  put("access_key_id", flags.accessKeyId);
  put("remote", flags.remote);
  for (const pair of flags.set) {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new SyncError("USAGE", say("remote.add.error.set", { value: pair }));
    parameters[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  if (flags.secretKeyEnv !== undefined)
    put("secret_access_key", secretFromEnv(flags.secretKeyEnv, context.tr.t("remote.secret.secretKey")));
  const passwordKey = flags.type === "crypt" ? "password" : "pass";
  if (flags.passwordEnv !== undefined) {
    put(passwordKey, secretFromEnv(flags.passwordEnv, context.tr.t("remote.secret.password")));
  } else if (needsPassword(flags)) {
    put(
      passwordKey,
      await askSecret(context.tr.t("remote.add.askPassword", { user: flags.user ?? flags.type })),
    );
  }
  // Loaded on use: every command pays at start-up for what main.ts imports.
  const { OAUTH_TYPES } = await import("../../app/remotes.js");
  if (OAUTH_TYPES.has(flags.type)) {
    const token =
      flags.tokenFile !== undefined
        ? await readFile(flags.tokenFile, "utf8")
        : flags.tokenStdin
          ? await readAllStdin()
          : undefined;
    if (token === undefined && process.stdin.isTTY) {
      context.err.write(`${context.tr.t("remote.add.authorize", { type: flags.type })}\n`);
      put("token", await askSecret(context.tr.t("remote.add.askToken")));
    } else {
      put("token", token?.trim());
    }
  }
  return parameters;
}

function needsPassword(flags: AddFlags): boolean {
  return (
    flags.type === "crypt" ||
    (flags.type === "webdav" && flags.user !== undefined) ||
    (flags.type === "sftp" && flags.keyFile === undefined)
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

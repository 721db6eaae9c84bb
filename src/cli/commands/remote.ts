/** `junmai-sync remote list | add | test | encrypt`: set up destinations and trust them. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { t } from "../../i18n/message.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { askSecret, readAllStdin, secretFromEnv } from "../prompt.js";
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

export function registerRemote(program: Command, run: Run): void {
  const remote = program
    .command("remote")
    .description("List, add, test and encrypt the rclone remotes destinations use.");

  remote
    .command("list")
    .description(
      "The remotes in your rclone.conf: type, whether each looks usable, which destinations use it.",
    )
    .option("--json", "print as JSON")
    .action((flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const remotes = await service.remotes().list();
          if (flags.json) {
            printJson(context, remotes);
            return EXIT.OK;
          }
          if (remotes.length === 0)
            context.out.write("No remotes in rclone.conf yet; add one with `junmai-sync remote add`.\n");
          for (const item of remotes) {
            const state =
              item.problem === null
                ? context.colors.green("✓ looks usable")
                : context.colors.yellow(`✗ ${item.problem}`);
            const used = item.usedBy.length === 0 ? "" : `  used by ${item.usedBy.join(", ")}`;
            context.out.write(`${item.name.padEnd(16)} ${item.type.padEnd(10)} ${state}${used}\n`);
          }
          return EXIT.OK;
        }),
      ),
    );

  remote
    .command("add")
    .description("Create a remote in rclone.conf through rclone (passwords obscured by rclone).")
    .argument("<name>", "the remote's name")
    .requiredOption("--type <type>", "dropbox, drive, onedrive, s3, webdav, sftp, local or crypt")
    .option("--url <url>", "webdav: the server's URL")
    .option("--vendor <vendor>", "webdav: nextcloud, owncloud, sharepoint, other")
    .option("--user <user>", "webdav, sftp: the user name")
    .option("--host <host>", "sftp: the server")
    .option("--port <port>", "sftp: the port")
    .option("--key-file <file>", "sftp: a private key file instead of a password")
    .option("--provider <provider>", "s3: AWS, Minio, Wasabi, Cloudflare, Other …")
    .option("--region <region>", "s3: the region")
    .option("--endpoint <url>", "s3: the endpoint (not for AWS)")
    .option("--access-key-id <id>", "s3: the access key id")
    .option("--secret-key-env <NAME>", "s3: environment variable holding the secret access key")
    .option("--remote <remote>", "crypt: what it wraps, e.g. nas:Photos/encrypted")
    .option("--password-env <NAME>", "environment variable holding the password (else you are asked)")
    .option("--token-file <file>", "dropbox, drive, onedrive: the token JSON `rclone authorize` printed")
    .option("--token-stdin", "dropbox, drive, onedrive: read the token JSON from standard input")
    .option("--set <key=value>", "any other rclone option of the backend (repeatable)", collect, [])
    .option("--json", "print as JSON")
    .action((name: string, flags: AddFlags) =>
      run((context) =>
        withService(context, async (service) => {
          const parameters = await parametersFor(context, flags);
          const { question } = await service.remotes().add(name, flags.type, parameters);
          if (flags.json) {
            printJson(context, { name, type: flags.type, question });
            return EXIT.OK;
          }
          if (question !== null)
            context.out.write(`rclone has one more question for \`rclone config\`: ${question}\n`);
          context.out.write(`${t("remote.useAsDestination", { name })}\n`);
          const file = await service.remotes().configFile();
          context.out.write(
            `${context.colors.green("✓")} ${t("remote.saved", { name, type: flags.type, file })}\n`,
          );
          return EXIT.OK;
        }),
      ),
    );

  remote
    .command("test")
    .description(
      "Write, read back and delete a probe file; report latency, hashes, free space, and a hint per failure.",
    )
    .argument("<name>", "a destination, or a remote of rclone.conf")
    .option("--json", "print as JSON")
    .action((name: string, flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const result = await service.remotes().test(name);
          if (flags.json) printJson(context, result);
          else context.out.write(`${remoteTestLines(result, context.colors).join("\n")}\n`);
          return result.ok ? EXIT.OK : EXIT.FAILED;
        }),
      ),
    );

  remote
    .command("encrypt")
    .description(
      "Create the crypt remote behind a destination with `encrypt: true` (the password is kept only obscured in rclone.conf).",
    )
    .argument("<destination>", "a destination with encrypt: true")
    .option("--password-env <NAME>", "environment variable holding the password (else you are asked)")
    .option("--salt-env <NAME>", "environment variable holding a second password (salt), optional")
    .action((name: string, flags: { passwordEnv?: string; saltEnv?: string }) =>
      run((context) =>
        withService(context, async (service) => {
          const password =
            flags.passwordEnv === undefined
              ? await askSecret(`Encryption password for ${name}: `)
              : secretFromEnv(flags.passwordEnv, "the encryption password");
          const salt = flags.saltEnv === undefined ? undefined : secretFromEnv(flags.saltEnv, "the salt");
          const created = await service.remotes().encrypt(name, password, salt);
          context.out.write(
            `Uploads to ${name} are now encrypted through rclone remote ${created.remote} (wrapping ${created.wraps}).\nKeep the password safe: without it the files cannot be read. docs/providers.md shows how to decrypt with plain rclone.\n`,
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
    if (equals <= 0) throw new SyncError("USAGE", `--set takes key=value, got \`${pair}\`.`);
    parameters[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  if (flags.secretKeyEnv !== undefined)
    put("secret_access_key", secretFromEnv(flags.secretKeyEnv, "the secret access key"));
  const passwordKey = flags.type === "crypt" ? "password" : "pass";
  if (flags.passwordEnv !== undefined) {
    put(passwordKey, secretFromEnv(flags.passwordEnv, "the password"));
  } else if (needsPassword(flags)) {
    put(passwordKey, await askSecret(`Password for ${flags.user ?? flags.type}: `));
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
      context.err.write(
        `On a computer with a web browser, run:\n\n    rclone authorize "${flags.type}"\n\nand paste the token it prints (the {…} part).\n`,
      );
      put("token", await askSecret("Token: "));
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

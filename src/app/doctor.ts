/**
 * `doctor`: every precondition for uploading, checked in order, each with a verdict and a hint.
 * It keeps going after a failure, so one run shows everything that needs fixing.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../config/load.js";
import { resolvePaths } from "../config/paths.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { type ErrorCode, type ErrorInfo, SyncError, toSyncError } from "../domain/errors.js";
import { say, t } from "../i18n/message.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { checkRclone } from "../rclone/rclone-binary.js";
import { describeError } from "./describe-error.js";
import { findOldQueue, oldQueueNotice } from "./old-queue.js";
import { describeStore, openStore } from "./open-store.js";
import { type PathLine, resolvedPathLines } from "./resolved-paths.js";
import { SyncService } from "./sync-service.js";

export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly error?: ErrorInfo;
}

export interface DoctorReport {
  readonly checks: DoctorCheck[];
  /** Every path this run uses, resolved. */
  readonly paths: PathLine[];
  /** Lines about an older per-user queue with open jobs (empty when there is none). */
  readonly notices: string[];
}

export interface DoctorOptions {
  readonly configPath?: string | undefined;
  readonly dataDir?: string | undefined;
  /** `--rclone-config`: the rclone.conf to check remotes in, as every other command uses it. */
  readonly rcloneConfigPath?: string | undefined;
  readonly cwd?: string;
  /**
   * Who reads the verdicts (names, details, error messages and hints); English by default, which
   * is also what `doctor --json` prints.
   */
  readonly tr?: Translator;
}

export async function runDoctorReport(options: DoctorOptions = {}): Promise<DoctorReport> {
  const cwd = options.cwd ?? process.cwd();
  const paths = resolvePaths({ configFlag: options.configPath, dataDirFlag: options.dataDir, cwd });
  const checks = await runDoctor(options);
  let config: ResolvedConfig | undefined;
  try {
    config = loadConfig({ ...paths, cwd }).config;
  } catch {
    // The config check above already says what is wrong with it.
  }
  const old = await findOldQueue(paths);
  return {
    checks,
    paths: resolvedPathLines(paths, config),
    notices: old === undefined ? [] : oldQueueNotice(old, paths, options.tr),
  };
}

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const cwd = options.cwd ?? process.cwd();
  const tr = options.tr ?? createTranslator("en");
  const attempt = (name: string, check: () => Promise<string>) => attemptCheck(tr, name, check);
  const paths = resolvePaths({ configFlag: options.configPath, dataDirFlag: options.dataDir, cwd });
  const checks: DoctorCheck[] = [];

  let config: ResolvedConfig | undefined;
  const configCheck = await attempt(tr.t("doctor.config"), async () => {
    config = loadConfig({ ...paths, cwd }).config;
    const count = config.destinations.length;
    return config.source === "embedded"
      ? tr.plural("doctor.configEmbedded", count, { path: paths.configPath })
      : tr.plural("doctor.configFile", count, { source: config.source });
  });

  const rclone = await attempt(tr.t("doctor.rclone"), async () => {
    const info = await checkRclone(config?.rclone.binary ?? "rclone");
    return `rclone ${info.version} (${info.binary})`;
  });
  checks.push(rclone, configCheck);

  checks.push(
    await attempt(tr.t("doctor.dataDir"), async () => {
      try {
        await mkdir(paths.dataDir, { recursive: true });
        const probe = path.join(paths.dataDir, `.doctor-${randomBytes(4).toString("hex")}`);
        await writeFile(probe, "ok");
        await rm(probe);
      } catch (error) {
        throw new SyncError("DATA_DIR_UNUSABLE", say("doctor.notWritable", { path: paths.dataDir }), {
          cause: error,
        });
      }
      return tr.t("doctor.writable", { path: paths.dataDir });
    }),
  );

  checks.push(
    await attempt(tr.t("doctor.queueDatabase"), async () => {
      const settings = config?.store ?? { type: "sqlite" as const };
      const store = await openStore(settings, paths.dataDir);
      try {
        await store.checkIntegrity?.();
        const counts = await store.counts();
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        return tr.plural("doctor.jobs", total, { store: describeStore(settings, paths.dataDir) });
      } finally {
        await store.close();
      }
    }),
  );

  if (config !== undefined && rclone.ok) {
    const service = await SyncService.open({
      ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.rcloneConfigPath === undefined ? {} : { rcloneConfigPath: options.rcloneConfigPath }),
      cwd,
    }).catch(() => undefined);
    if (service !== undefined) {
      try {
        checks.push(...(await runningConfigChecks(service)));
        const missing = await service
          .remotes()
          .missingRemotes()
          .catch(() => new Map<string, SyncError>());
        for (const destination of config.destinations) {
          const absent = missing.get(destination.name);
          if (absent !== undefined) {
            checks.push({
              name: `destination ${destination.name}`,
              ok: false,
              detail: absent.message,
              error: absent.toInfo(),
            });
            continue;
          }
          const result = await service.testConnection(destination.name);
          const where = destination.kind === "local" ? ` → ${destination.root}` : "";
          const name = tr.t("doctor.destination", { name: destination.name });
          const verify =
            result.hashTypes.length > 0
              ? tr.t("doctor.verifyHash", { hashes: pickShown(result.hashTypes) })
              : tr.t("doctor.verifySize");
          checks.push(
            result.ok
              ? {
                  name,
                  ok: true,
                  detail: tr.t("doctor.reachable", { where, ms: result.latencyMs, verify }),
                }
              : {
                  name,
                  ok: false,
                  detail: tr.t("doctor.unreachable", { where }),
                  ...(result.error === undefined
                    ? {}
                    : {
                        error: {
                          code: result.error.code as ErrorCode,
                          message: result.error.message,
                          hint: result.error.hint,
                          temporary: false,
                          ...(result.error.detail === undefined ? {} : { detail: result.error.detail }),
                        },
                      }),
                },
          );
        }
      } finally {
        await service.close();
      }
    }
  }
  return checks;
}

/** The running daemon's view: a config file it refused keeps it on the previous config. */
async function runningConfigChecks(service: SyncService): Promise<DoctorCheck[]> {
  const fault = (await service.getQueueStatus()).config.fault;
  if (fault === null) return [];
  const where = fault.line === null ? "" : ` (${fault.key ?? "line"} ${fault.line}:${fault.column})`;
  return [
    {
      name: "running config",
      ok: false,
      detail: t("config.doctorRunningFault", { message: `${fault.message}${where}` }),
      error: { code: "CONFIG_INVALID", message: fault.message, hint: fault.hint, temporary: false },
    },
  ];
}

function pickShown(hashTypes: readonly string[]): string {
  return hashTypes.slice(0, 4).join(", ");
}

async function attemptCheck(
  tr: Translator,
  name: string,
  check: () => Promise<string>,
): Promise<DoctorCheck> {
  try {
    return { name, ok: true, detail: await check() };
  } catch (error) {
    const syncError = toSyncError(error, "STORE_FAILED");
    const readable = describeError(tr, syncError);
    return {
      name,
      ok: false,
      detail: readable.message,
      error: { ...syncError.toInfo(), message: readable.message, hint: readable.hint },
    };
  }
}

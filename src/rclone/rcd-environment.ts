/**
 * What the managed `rclone rcd` inherits. rclone 1.60's S3 backend fails every call when
 * `AWS_CA_BUNDLE` is set — even to a valid PEM bundle (`LoadCustomCABundleError … transport
 * unsupported type`) — and many machines set it for other tools. So the rcd never inherits it;
 * the same bundle is handed to rclone with its own `--ca-cert`, which every backend honours.
 * Nor does it inherit what would turn rclone's post-copy check off (CHECKS_OFF). Its garbage
 * collector runs half as often as Go's default (GC_PERCENT) unless the user set GOGC.
 */
import { existsSync } from "node:fs";

export interface RcdEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly args: readonly string[];
}

/**
 * rclone's global flags as environment variables that would turn off the check every copy
 * makes after writing — sizes, and hashes of the bytes read against the destination's. The
 * engine relies on that check: it takes the destination's hash for the source's instead of
 * reading a large file twice (engine/run-job.ts, settleHash). A user's shell that sets them
 * for other rclone work must not weaken our verification.
 */
const CHECKS_OFF = ["RCLONE_IGNORE_CHECKSUM", "RCLONE_IGNORE_SIZE"] as const;

/**
 * Go's GOGC for the rcd. Many small files make rclone allocate per file (objects, stats, the rc
 * server's JSON); with Go's default of 100, marking and sweeping were about 15 % of the rcd's
 * CPU samples on 10 000 × 20 KB to a local folder. At 200: that upload 7 % faster (median of 5
 * pairs, 3.41 s against 3.67 s) and 6 % less CPU, for a peak RSS of the rcd 22 MB higher there
 * (111 MB against 89), 12 MB on 300 × 2 MB to WebDAV (76 against 64), and no higher on
 * 4 × 128 MiB (103–107 MB against 90–114). At 400 the rcd held 145–166 MB on the small files:
 * too much for a small NAS.
 */
const GC_PERCENT = "200";

/** Whether the user set this variable (an empty one counts as unset, as rclone and Go read it). */
function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

export function rcdEnvironment(parent: NodeJS.ProcessEnv): RcdEnvironment {
  const { AWS_CA_BUNDLE: bundle, ...env } = parent;
  for (const name of CHECKS_OFF) delete env[name];
  if (!isSet(env.GOGC)) env.GOGC = GC_PERCENT;
  const args: string[] = [];
  // rclone's own setting wins; a bundle that is not there would only make rclone refuse to start.
  if (bundle !== undefined && bundle.trim() !== "" && !isSet(env.RCLONE_CA_CERT) && existsSync(bundle)) {
    args.push("--ca-cert", bundle);
  }
  return { env, args };
}

/**
 * What a generated hook-up script runs: this machine's node and CLI by absolute path (an
 * exporter starts scripts with a bare environment, where `junmai-sync` may not be on PATH),
 * the user's config and data dir, and `upload --from-file` — never `--wait`, so the exporter is
 * never held up; the daemon (or the login service) uploads.
 */
export interface UploadCall {
  readonly node: string;
  readonly cli: string;
  /** `--config …`, `--data-dir …`: the same queue the user's daemon works on. */
  readonly globalArgs: readonly string[];
  /** Destination names; empty: the config's default. */
  readonly to: readonly string[];
  readonly subpath?: string | undefined;
  /** The batch name's prefix, e.g. "Lightroom"; the script appends the date. */
  readonly batchLabel: string;
  /** Where the script appends the CLI's output, for when an export "did nothing". */
  readonly logFile: string;
  /** The folder the user's daemon runs in: the embedded default's ./var is relative to it. */
  readonly workingDir: string;
}

/** The arguments after `upload`, before the list file and the batch name. */
export function uploadArgs(call: UploadCall): string[] {
  return [
    ...call.to.flatMap((name) => ["--to", name]),
    ...(call.subpath === undefined ? [] : ["--subpath", call.subpath]),
  ];
}

/** A word for POSIX sh: single quotes, a quote inside as '\''. */
export function shQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** A word for cmd.exe in a .bat: double quotes; `%` doubled so it is never a variable. */
export function batQuote(value: string): string {
  return `"${value.replaceAll("%", "%%").replaceAll('"', '""')}"`;
}

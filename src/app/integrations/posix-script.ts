/**
 * The macOS (and Linux) form: a bash script that takes the exported files as arguments — the
 * way Lightroom's Export Actions and a droplet call it — or `--from-file LIST`. Paths go into a
 * NUL-separated list file, so any name (spaces, quotes, Japanese) passes untouched and a large
 * export never meets a command-line limit.
 */
import { shQuote, type UploadCall, uploadArgs } from "./upload-call.js";

export function renderPosixScript(call: UploadCall, title: string): string {
  const upload = [
    '"$node"',
    '"$cli"',
    ...call.globalArgs.map(shQuote),
    "upload",
    '--from-file "$list"',
    `--batch "${call.batchLabel} $(date '+%Y-%m-%d')"`,
    ...uploadArgs(call).map(shQuote),
  ].join(" ");
  return [
    "#!/bin/bash",
    `# ${title}`,
    "# Written by `junmai-sync integrate`; run that again to update it. It queues the files and",
    "# returns at once: the junmai-sync daemon uploads them.",
    "set -u",
    `node=${shQuote(call.node)}`,
    `cli=${shQuote(call.cli)}`,
    `log=${shQuote(call.logFile)}`,
    'mkdir -p "$(dirname "$log")"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    'if [ "${1-}" = "--from-file" ] && [ $# -eq 2 ]; then',
    '  list="$2"',
    '  case "$list" in /*) ;; *) list="$PWD/$list" ;; esac',
    "else",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    '  list="$(mktemp "${TMPDIR:-/tmp}/junmai-sync-list.XXXXXX")" || exit 1',
    "  trap 'rm -f \"$list\"' EXIT",
    '  for file in "$@"; do',
    '    case "$file" in /*) ;; *) file="$PWD/$file" ;; esac',
    '    printf \'%s\\0\' "$file" >> "$list"',
    "  done",
    "fi",
    `cd ${shQuote(call.workingDir)} || exit 1`,
    `{ date; ${upload}; } >> "$log" 2>&1`,
    "",
  ].join("\n");
}

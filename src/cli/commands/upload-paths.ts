/**
 * Where `upload` finds its paths: the arguments, a list file (--from-file) and standard input
 * (--from-stdin), in that order.
 */
import { readFileSync } from "node:fs";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import { readAllStdin } from "../prompt.js";

/** The paths to upload, from the arguments and the lists the flags name. */
export async function listedPaths(
  args: readonly string[],
  lists: { readonly fromFile?: string; readonly fromStdin?: boolean },
): Promise<string[]> {
  return [
    ...args,
    ...(lists.fromFile === undefined ? [] : splitPathList(readPathList(lists.fromFile))),
    ...(lists.fromStdin ? splitPathList(await readStdin()) : []),
  ];
}

/** NUL-separated when there is a NUL (safe for any file name), else one path per line. */
export function splitPathList(text: string): string[] {
  const items = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return items.filter((item) => item.trim() !== "");
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new SyncError("USAGE", say("upload.error.stdinIsTerminal"), {
      hint: "find ./export -name '*.jpg' -print0 | junmai-sync upload --from-stdin",
    });
  }
  return readAllStdin();
}

function readPathList(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error: unknown) {
    throw new SyncError("USAGE", say("upload.listUnreadable", { file }), {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

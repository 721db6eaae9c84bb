/**
 * The Windows form: a .bat that takes the exported files as arguments. cmd.exe cannot hold a
 * line over 8 191 characters, so `%*` (all files on one line) would break on a big export: the
 * script writes one file per line to a list — `shift` through the arguments — and hands that
 * list to `upload --from-file`. The code page is UTF-8 for the list, so Japanese names survive;
 * each name is echoed through a variable with delayed expansion so `&`, `^` and `!` in a name
 * are text, not commands.
 */
import { batQuote, type UploadCall, uploadArgs } from "./upload-call.js";

export function renderBatScript(call: UploadCall, title: string): string {
  const upload = [
    batQuote(call.node),
    batQuote(call.cli),
    ...call.globalArgs.map(batQuote),
    "upload",
    '--from-file "%list%"',
    // No date: %date% is written differently in every locale. Exports 30 s apart form one batch anyway.
    `--batch "${call.batchLabel}"`,
    ...uploadArgs(call).map(batQuote),
  ].join(" ");
  return [
    "@echo off",
    `rem ${title}`,
    "rem Written by `junmai-sync integrate`; run that again to update it. It queues the files and",
    "rem returns at once: the junmai-sync daemon uploads them.",
    "setlocal DisableDelayedExpansion",
    "chcp 65001 >nul",
    `set "log=${call.logFile.replaceAll("%", "%%")}"`,
    'set "list=%TEMP%\\junmai-sync-list-%RANDOM%%RANDOM%.txt"',
    'type nul > "%list%"',
    ":next",
    'if "%~1"=="" goto queue',
    'set "item=%~f1"',
    "setlocal EnableDelayedExpansion",
    '>>"!list!" echo(!item!',
    "endlocal",
    "shift",
    "goto next",
    ":queue",
    `cd /d ${batQuote(call.workingDir)}`,
    `${upload} >> "%log%" 2>&1`,
    'del "%list%"',
    "",
  ].join("\r\n");
}

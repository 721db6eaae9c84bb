/** `junmai-sync integrate …`: hook-ups to Lightroom, Capture One and Junmai AutoDev. */
export const integrateMessages = {
  "integrate.lightroomTitle": "Lightroom Classic export action: queues the exported files with junmai-sync.",
  "integrate.captureOneTitle": 'Capture One "Open With" target: queues the processed files with junmai-sync.',
  "integrate.roleLightroom": "Lightroom export action",
  "integrate.roleCaptureOne": "Capture One Open With script",
  "integrate.roleScript": "upload script",
  "integrate.roleDroplet": "droplet source (AppleScript)",
  "integrate.dryRun": "--dry-run: nothing is written. It would write:",
  "integrate.fileHeader": "── {role}: {file}",
  "integrate.wrote": "wrote {role}: {file}",
  "integrate.createdFolder": "created {folder} (the application had not made it yet)",
  "integrate.wouldRun": "then run: {command}",
  "integrate.ran": "ran: {command}",
  "integrate.notRun": "not run here ({command} is macOS only); on the Mac run: {line}",
  "integrate.lightroomUse":
    'In Lightroom Classic: Export → Post-Processing → After Export → "{name}" (restart Lightroom if it is not listed). Exports are queued at once; the daemon uploads them.',
  "integrate.captureOneUseMac":
    "In Capture One: Process Recipe → File → Open With → Other… → {app} (compiled from {source}).",
  "integrate.captureOneUseWindows":
    "In Capture One: Process Recipe → File → Open With → choose {file}. If your version lists only programs, use the watch folder below.",
  "integrate.watchAlternative":
    "Or, with nothing to install: export into a watched folder (`watch` in the config, docs/config.md#watch); the daemon picks up every finished file.",
  "integrate.autodevConfig": "Add to Junmai AutoDev's config (the cloud_sync section is no longer used):",
  "integrate.autodevSnippet": "And replace CloudSyncManager.upload_file with:",
  "integrate.unknownDestination": '--to names "{name}", which is not a destination (known: {known}).',
  "integrate.noLinuxApp":
    "{target} runs on macOS and Windows only: give --os macos or --os windows (with --dir for where to write, or --dry-run to see it).",
  "integrate.stepFailed": "`{command}` failed.",
  "integrate.log": "the script's output goes to {file}",
  "integrate.description":
    "Hook an exporter up: a Lightroom export action, a Capture One Open With target, or the Junmai AutoDev snippet.",
  "integrate.arg.target": "lightroom, capture-one or junmai-autodev",
  "integrate.option.to": "destination (repeat for several; default: the config's default)",
  "integrate.option.subpath": "folder below the destination's base path",
  "integrate.option.dir": "write the script here instead of the application's folder",
  "integrate.option.os": "the system the script is for (default: this one)",
  "integrate.option.dryRun": "print what would be written instead of writing it",
} as const;

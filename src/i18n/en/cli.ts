/** The `junmai-sync` program itself: its description, global options, help and error framing. */
export const cliMessages = {
  "cli.description": "Durable, verified photo uploads to any cloud through rclone.",
  "cli.option.version": "print the version number",
  "cli.option.help": "show help for the command",
  "cli.option.helpCommand": "show help for a command",
  "cli.option.config": "config file (default: JUNMAI_SYNC_CONFIG, then the OS config folder)",
  "cli.option.dataDir":
    "data directory holding the queue (default: JUNMAI_SYNC_DATA_DIR, then the OS data folder)",
  "cli.option.rcloneConfig":
    "rclone.conf to use (default: the config's rclone.configPath, then RCLONE_CONFIG, then rclone's own)",
  "cli.option.logLevel": "log level for stderr",
  "cli.option.lang":
    "language of the output (default: JUNMAI_SYNC_LANG, then the config's language, then LANG and the OS locale)",
  "cli.option.json": "print as JSON",
  "cli.help.colour": "Colour is off when NO_COLOR is set or output is not a terminal.",
  "cli.help.afterError": "(run with --help for usage)",
  "cli.help.choices": "choices: {choices}",
  "cli.help.default": "default: {value}",
  "cli.help.withExtras": "{description} ({extras})",
  "cli.help.usage": "Usage:",
  "cli.help.arguments": "Arguments:",
  "cli.help.options": "Options:",
  "cli.help.globalOptions": "Global Options:",
  "cli.help.commands": "Commands:",
  "cli.exit.title": "Exit codes:",
  "cli.exit.ok": "success (every job completed or skipped)",
  "cli.exit.failed": "some jobs failed, or a check failed",
  "cli.exit.usage": "usage error or invalid config (the message names the option or key)",
  "cli.exit.environment":
    "environment error: rclone missing or too old, data directory or queue database unusable",
  "cli.errorLabel": "error",
  "cli.warningLabel": "warning",
  "cli.noticeLabel": "notice",
  "cli.detail": "detail: {detail}",
  "cli.hint": "hint: {hint}",
  "cli.errorLine": "{code}: {message}",
  "cli.stopping":
    "Stopping: running transfers finish first (Ctrl-C again to quit at once; queued jobs stay queued).",
} as const;

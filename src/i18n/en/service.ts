/** `junmai-sync service …`: the daemon as a login service. */
export const serviceMessages = {
  "service.dryRun": "--dry-run: nothing is written or run. For {os} it would write:",
  "service.fileHeader": "── {role}: {file}",
  "service.wouldRun": "and run:",
  "service.installed": "installed: {file}",
  "service.updated": "already installed, updated: {file}",
  "service.wrote": "wrote {role}: {file}",
  "service.ran": "ran: {command}",
  "service.ranFailed": "ran: {command} (exit {code}, going on)",
  "service.log": "log: {file}",
  "service.notInstalled": "not installed: nothing to remove ({file} does not exist)",
  "service.uninstalled": "uninstalled: removed {file}",
  "service.statusInstalled": "installed ({os}): {file}",
  "service.statusNotInstalled": "not installed ({os}): {file} does not exist",
  "service.stateRunning": "state: running",
  "service.stateFailed": "state: failed",
  "service.stateStopped": "state: stopped",
  "service.stateUnknown": "state: unknown (the service manager did not answer)",
  "service.daemon": "daemon: pid {pid}, since {since}",
  "service.daemonDashboard": "daemon: pid {pid}, since {since}, dashboard {dashboard}",
  "service.badLines": "Expected --lines to be a whole number ≥ 1, got `{value}`.",
  "service.noLog": "no log yet at {file}",
  "service.otherOs": "--os {os} builds another system's service: it can only be shown (--dry-run) here.",
  "service.commandFailed": "`{command}` failed; the service file was written ({file}) but is not active.",
  "service.noUserBus":
    "systemctl --user found no user session (a container, or su/sudo without a login). Log in as {user} (a desktop or ssh session), or let the user's services run without one: sudo loginctl enable-linger {user}; then run `junmai-sync service install` again.",
  "service.rcloneMissing":
    "warning: `{binary}` was not found on PATH, so the service could not upload: install rclone (`junmai-sync doctor` says how), then run `junmai-sync service install` again.",
  "service.lingerNote":
    "On a machine nobody logs in to (a headless box), let it start at boot without a login: loginctl enable-linger {user}",
  "service.fullDiskAccessNote":
    'If reading Pictures, Desktop or an external drive fails (SOURCE_UNREADABLE, "Operation not permitted"), allow it: System Settings → Privacy & Security → Full Disk Access → + → {node}',
  "service.windowsNote": "It starts at each logon, without a window; it was started now as well.",
  "service.description":
    "Run the daemon as your login service (systemd user unit, macOS LaunchAgent, Windows logon task).",
  "service.option.os": "build another system's form (only with --dry-run)",
  "service.install.description":
    "Install (or update) the service with this config and data dir, and start it.",
  "service.install.option.dryRun": "print the file(s) and the commands instead of writing and running them",
  "service.uninstall.description": "Stop and remove the service (the queue and its logs stay).",
  "service.uninstall.option.dryRun": "print the commands instead of running them",
  "service.status.description":
    "Say whether the service is installed, running or failed, and where its log is.",
  "service.logs.description": "Print the end of the service's log.",
  "service.logs.option.lines": "how many lines",
} as const;

/** `daemon` and `watch`: what the long-running loop says, and watched folders' news. */
export const daemonMessages = {
  "daemon.description":
    "Watch the configured folders and upload everything queued, until stopped (SIGINT/SIGTERM let running transfers finish).",
  "daemon.watchDescription":
    "Watch the configured folders and upload in the foreground, with a live status line.",
  "daemon.option.poll": "scan watched folders every 5 s instead of listening for changes (network shares)",
  "daemon.option.listen":
    "where the dashboard and API listen (default: the config's server, 127.0.0.1:7420; `off` for none)",
  "daemon.started": "{title} (pid {pid}) · queue {queue} · {destinations}",
  "daemon.log": "log {file}",
  "daemon.stopping": "{signal}: finishing running transfers (up to {seconds}s)…",
  "daemon.batchDone": "batch {batch} {status}: {completed} completed, {skipped} skipped, {failed} failed",
  "daemon.notified": "notified {channel} about batch {batch}",
  "daemon.notifyFailed":
    "notification to {channel} about batch {batch} not delivered after {attempts} attempt(s): {message}",
  "daemon.noWatch": "no watch folders configured: working on queued jobs only",
  "daemon.dashboard": "dashboard {url} · API {api} (token: junmai-sync token)",
  "daemon.stopped": "stopped: {delivered} delivered, {failed} failed this run",
  "watch.ready": "watching {root} → {to}",
  "watch.readyFound.one": "watching {root} → {to} ({count} file found; queuing those not yet delivered)",
  "watch.readyFound.other": "watching {root} → {to} ({count} files found; queuing those not yet delivered)",
  "watch.rejected": "{code}: {message} Not queued: {path}",
  "watch.queued.one": "queued {count} job → batch {batch}",
  "watch.queued.other": "queued {count} jobs → batch {batch}",
  "watch.caughtUp.one": "caught up on {root}: {count} job queued, {known} already queued or delivered",
  "watch.caughtUp.other": "caught up on {root}: {count} jobs queued, {known} already queued or delivered",
  "watch.missing": "watch folder {root} is missing; watching resumes as soon as it is back.",
  "watch.back": "watch folder {root} is back; catching up on its files",
  "watch.status.uploading": "{count} uploading",
  "watch.status.waiting": "{count} waiting",
  "watch.status.delivered": "{count} delivered",
  "watch.status.failed": "{count} failed",
  "watch.status.settling": "{count} settling",
  "watch.status.speed": "{speed}/s",
} as const;

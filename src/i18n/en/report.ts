/** Batch reports: what a notification (Slack, Discord, ntfy, email, desktop) says about a batch. */
export const reportMessages = {
  "report.batch": "Batch {id}",
  "report.test": "[test] {title}",
  "report.completed.one": "✓ {name}: {count} file delivered to {where}",
  "report.completed.other": "✓ {name}: {count} files delivered to {where}",
  "report.failed.one": "✗ {name}: {failed} of {count} file failed ({where})",
  "report.failed.other": "✗ {name}: {failed} of {count} files failed ({where})",
  "report.summary.one": "{delivered} of {count} file delivered · {bytes} · {duration} · on {host}",
  "report.summary.other": "{delivered} of {count} files delivered · {bytes} · {duration} · on {host}",
  "report.cancelled": "{count} cancelled",
  "report.failure": "{path} → {destination}: {code}: {message} ({hint})",
  "report.moreFailed": "… and {count} more failed",
  "report.retry": "Retry from the dashboard, or run `junmai-sync retry --all`.",
  "report.onHost": "on {host}",
  "report.signature": "— junmai-sync",
} as const;

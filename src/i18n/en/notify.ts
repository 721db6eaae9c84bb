/** `junmai-sync notify` (the command; the messages themselves are in report.ts). */
export const notifyMessages = {
  "notify.description": "Batch notifications (webhook, Slack, Discord, ntfy, email).",
  "notify.test.description":
    "Send a sample batch message to every configured channel, or to one, and report each.",
  "notify.test.option.channel": "only this channel (its `name`, or type#position like slack#1)",
  "notify.test.sent": "{channel}: sent",
  "notify.error.none": "No notification channels are configured.",
  "notify.error.unknown": 'There is no channel named "{name}" (known: {known}).',
  "notify.error.hint":
    "Add channels under `notify` in the config file; docs/notifications.md shows each kind.",
} as const;

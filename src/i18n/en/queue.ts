/** Commands that steer the queue: retry, cancel, pause, resume, bwlimit. */
export const queueMessages = {
  "queue.retry.description":
    "Put a failed (or cancelled) job back in the queue with a fresh retry budget; --all for every failed job.",
  "queue.retry.option.all": "every failed job",
  "queue.retry.error.both": "Give either a job id or --all, not both.",
  "queue.retry.error.none": "Give a job id, or --all for every failed job.",
  "queue.retry.requeued.one": "Queued {count} failed job again.",
  "queue.retry.requeued.other": "Queued {count} failed jobs again.",
  "queue.retry.done": "Job {id} is queued again.",
  "queue.cancel.description": "Cancel a job that has not finished (a running transfer is stopped).",
  "queue.cancel.done": "Job {id} is cancelled.",
  "queue.pause.description":
    "Pause uploads to one destination, or to all: running uploads finish, queued jobs wait (and new ones can still be queued). Holds across restarts.",
  "queue.pause.arg.destination": "a destination name; default: all destinations",
  "queue.pause.doneAll": "Paused all uploads; running uploads finish. Resume with `junmai-sync resume`.",
  "queue.pause.done":
    "Paused uploads to {name}; running uploads finish. Resume with `junmai-sync resume {name}`.",
  "queue.resume.description": "Resume uploads to one destination, or to all.",
  "queue.resume.doneAll": "Resumed all uploads.",
  "queue.resume.done": "Resumed uploads to {name}.",
  "queue.bwlimit.description":
    "Show the bandwidth limits in force, or change one live for every running worker: a rate (512K, 2M), off, or auto (back to the config).",
  "queue.bwlimit.arg.rate": "512K, 2M, 1.5G (per second, rclone's units), off, or auto",
  "queue.bwlimit.option.to": "one destination's own limit instead of all uploads together",
  "queue.bwlimit.all": "all uploads",
  "queue.bwlimit.line": "{what}: {limit}",
} as const;

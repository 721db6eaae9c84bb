/** rclone itself: finding the binary, starting and stopping its rc daemon, what it cannot do. */
export const rcloneMessages = {
  "rclone.notOnPath": "rclone was not found (looked for `{binary}` on PATH).",
  "rclone.notFound": "rclone was not found (looked for `{binary}`).",
  "rclone.noVersion": "`{binary} version` did not print an rclone version.",
  "rclone.tooOld": "rclone {version} is too old; junmai-sync needs {needed} or newer.",
  "rclone.startTimeout": "rclone rcd did not start within its time limit.",
  "rclone.startFailed": "rclone rcd could not be started: {reason}",
  "rclone.exitedAtStart": "rclone rcd exited during start-up (code {code}, signal {signal}).",
  "rclone.shutDown": "rclone has been shut down.",
  "rclone.noPublicLinks": "{destination} cannot make public links.",
  "rclone.dnsHint":
    "Check the server name in the remote's URL or host (`junmai-sync remote list`), and this computer's network and DNS.",
} as const;

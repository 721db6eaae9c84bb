/** `junmai-sync remote …` and the remotes checks of `doctor`. */
export const remoteMessages = {
  "remote.missing": 'no remote "{name}" in {file}',
  "remote.missingHint":
    "Create it: junmai-sync remote add {name} --type dropbox|drive|onedrive|s3|webdav|sftp … (or sign in from the dashboard's Settings → Destinations). A different rclone.conf: --rclone-config FILE.",
  "remote.saved": "done: remote {name} ({type}) saved in {file}",
  "remote.useAsDestination":
    'Use it in a destination as remote "{name}:" (dashboard Settings → Destinations, or the config file), then check it: junmai-sync remote test {name}',
} as const;

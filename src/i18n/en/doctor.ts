/** `junmai-sync doctor`: one verdict per check. */
export const doctorMessages = {
  "doctor.description":
    "Check rclone, the config, the data directory, the queue database and every destination.",
  "doctor.config": "config",
  "doctor.rclone": "rclone",
  "doctor.dataDir": "data dir",
  "doctor.queueDatabase": "queue database",
  "doctor.destination": "destination {name}",
  "doctor.configEmbedded.one": "embedded default (no file at {path}); {count} destination",
  "doctor.configEmbedded.other": "embedded default (no file at {path}); {count} destinations",
  "doctor.configFile.one": "{source}; {count} destination",
  "doctor.configFile.other": "{source}; {count} destinations",
  "doctor.notWritable": "{path} is not writable.",
  "doctor.writable": "{path} (writable)",
  "doctor.jobs.one": "{store}; {count} job",
  "doctor.jobs.other": "{store}; {count} jobs",
  "doctor.verifyHash": "size + hash ({hashes})",
  "doctor.verifySize": "size",
  "doctor.reachable": "reachable{where} ({ms} ms; verify by {verify})",
  "doctor.unreachable": "not reachable{where}",
  "doctor.pathsHeader":
    "Paths (relative ones in a config resolve against its folder; with no config, under ./var):",
} as const;

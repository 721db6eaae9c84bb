/** Live config: what the daemon and the CLI say when the config file changes or is refused. */
export const configMessages = {
  "config.reloaded": "config reloaded from {file}{changes}",
  "config.reloadedAdded": "; new destinations: {names}",
  "config.reloadedRemoved": "; removed destinations (their queued jobs wait): {names}",
  "config.refused": "config change refused, still running the previous config: {message}",
  "config.refusedAt": "at `{key}`, line {line}, column {column} of {file}",
  "config.refusedAtLine": "line {line}, column {column} of {file}",
  "config.sighup": "SIGHUP: reading the config again",
  "config.daemonDoesNotKnow":
    'The running daemon (pid {pid}) does not know destination "{name}": its config has {known}.',
  "config.daemonFault": "It refused the config file's latest version: {message}",
  "config.daemonWillPickUp":
    'The files stay queued and upload once the daemon\'s config has "{name}" (it reads the file within 2 s of a valid change; `kill -HUP {pid}` reads it at once).',
  "config.destinationRemoved": "destination removed from config",
  "config.statusFault": "config file refused (the daemon runs the previous one): {message}",
  "config.doctorRunningFault": "the running daemon refused this file's latest version: {message}",
} as const;

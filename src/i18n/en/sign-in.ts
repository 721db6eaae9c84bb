/** Signing in to cloud storage (Dropbox, Google Drive, OneDrive) through rclone. */
export const signInMessages = {
  "signIn.tokenInvalid":
    "That is not a {type} token from rclone: expected the JSON with an access_token that `rclone authorize` prints. Nothing was written to rclone.conf.",
  "signIn.tokenHint":
    "On a computer with a web browser run: {command} — then paste everything it prints (the part between ---> and <---End paste is enough).",
  "signIn.busy": 'A sign-in is already waiting (remote "{name}"); finish or close it first.',
  "signIn.noUrl": "rclone did not offer a sign-in page for {type} within {seconds} s.",
  "signIn.refused": 'The sign-in for "{name}" did not succeed: {reason}. Nothing was saved.',
  "signIn.timedOut":
    'The sign-in for "{name}" was not finished within {minutes} minutes and was cancelled. Nothing was saved.',
  "signIn.badName":
    'A remote name must start with a letter or digit and use only letters, digits, _ . - (got "{name}"): no spaces or /.',
  "signIn.badType": 'Signing in from the dashboard works for {types} (got "{type}").',
  "signIn.done": "Remote {name} ({type}) saved in {file}.",
} as const;

/** The dashboard's HTTP server refusing a request, or failing to listen. */
export const serverMessages = {
  "server.loopbackOnly": "This server answers only to loopback host names.",
  "server.tokenNeeded": "This call needs the API token.",
  "server.tokenNotValid": "The API token is not valid.",
  "server.nothingAtRoute": "There is nothing at {method} {path}.",
  "server.nothingAt": "There is nothing at {path}.",
  "server.portInUse":
    "Cannot serve the dashboard on {host}:{port}: the port is in use (another junmai-sync, or another program).",
  "server.noSuchAddress": "Cannot serve the dashboard on {host}:{port}: this computer has no such address.",
  "server.portNotAllowed": "Cannot serve the dashboard on {host}:{port}: this user may not use that port.",
  "server.cannotListen": "Cannot serve the dashboard on {host}:{port}: {reason}.",
} as const;

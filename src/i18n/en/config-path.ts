/** Paths in the config file: Windows forms, `~` and variables at the start. */
export const configPathMessages = {
  "configPath.windowsPathHere":
    'is a Windows path ("{value}"), which this computer cannot open: write a path of this system, like `/home/me/Pictures` or `~/Pictures`',
  "configPath.trailingBackslash":
    'ends with a backslash ("{value}"); on this system `\\` is part of a file name: write `/` between folders, or nothing at the end',
  "configPath.variableUnset":
    'starts with the variable {name} ("{value}"), which is not set in this environment: set it, or write the folder out',
} as const;

/** Reading the config file. */
export const configFileMessages = {
  "configFile.notJson":
    "Config file {file} is not valid JSON at line {line}, column {column}: {reason}.\n{excerpt}",
  "configFile.backslashHint":
    "A `\\` inside a JSON string starts an escape: in JSON write `\\\\` or `/` (`C:/Users/me/Pictures`).",
  "configFile.syntaxHint":
    "Fix the JSON syntax there (a trailing comma or a missing quote is the usual cause).",
} as const;

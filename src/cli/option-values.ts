/** Option value parsers shared by commands (commander calls them once per occurrence). */

/** `--to a,b --to c` → ["a", "b", "c"]: a repeatable option that also takes comma lists. */
export function collectNames(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  ];
}

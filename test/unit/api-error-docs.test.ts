/**
 * docs/api.md lists every error code with the HTTP status the server answers it with: a client
 * author reads that table instead of the source, so it must not drift from api-errors.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/domain/errors.js";
import { httpStatusOf } from "../../src/server/api-errors.js";

function documentedStatuses(): Map<string, number[]> {
  const doc = readFileSync("docs/api.md", "utf8");
  const section = doc.slice(doc.indexOf("### Errors"), doc.indexOf("### Examples"));
  const statuses = new Map<string, number[]>();
  for (const row of section.matchAll(/^\| (\d{3}) +\|(.*)\|$/gm)) {
    for (const code of (row[2] ?? "").matchAll(/`([A-Z_]+)`/g)) {
      statuses.set(code[1] ?? "", [...(statuses.get(code[1] ?? "") ?? []), Number(row[1])]);
    }
  }
  return statuses;
}

describe("docs/api.md error table", () => {
  it("names every error code once, with the HTTP status the server maps it to", () => {
    const documented = documentedStatuses();
    const wrong = ERROR_CODES.filter((code) => {
      const statuses = documented.get(code) ?? [];
      return statuses.length !== 1 || statuses[0] !== httpStatusOf(code);
    }).map(
      (code) =>
        `${code}: documented ${documented.get(code)?.join(", ") ?? "nowhere"}, served ${httpStatusOf(code)}`,
    );
    expect(wrong).toEqual([]);
    expect(
      [...documented.keys()].filter((code) => !(ERROR_CODES as readonly string[]).includes(code)),
    ).toEqual([]);
  });
});

/** Job priorities: a word or a number; higher goes first, FIFO within one priority. */
import { SyncError } from "./errors.js";

export const PRIORITY_NAMES = { high: 10, normal: 0, low: -10 } as const;
export const MAX_PRIORITY = 100;

export function parsePriority(text: string | number, what = "--priority"): number {
  if (typeof text === "string" && text.toLowerCase() in PRIORITY_NAMES) {
    return PRIORITY_NAMES[text.toLowerCase() as keyof typeof PRIORITY_NAMES];
  }
  const value = typeof text === "number" ? text : /^[+-]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || Math.abs(value) > MAX_PRIORITY) {
    throw new SyncError(
      "USAGE",
      `${what} must be high, normal, low or a whole number from -100 to 100, got \`${text}\`.`,
      {
        hint: "high = 10, normal = 0 (the default), low = -10; higher goes first.",
      },
    );
  }
  return value;
}

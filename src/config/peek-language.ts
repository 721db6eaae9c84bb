/**
 * The config's `language`, read before anything else so the CLI can speak the reader's language
 * from its first line (--help, a config error). Tolerant on purpose: a config that cannot be read
 * or parsed says nothing here, and its real error comes later from loadConfig, in the language
 * chosen without it.
 */
import { readFileSync } from "node:fs";

export function peekConfigLanguage(configPath: string): "en" | "ja" | undefined {
  try {
    const input: unknown = JSON.parse(readFileSync(configPath, "utf8").replace(/^\uFEFF/, ""));
    if (typeof input !== "object" || input === null) return undefined;
    const language: unknown = (input as { language?: unknown }).language;
    return language === "en" || language === "ja" ? language : undefined;
  } catch {
    return undefined;
  }
}

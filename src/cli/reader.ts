/**
 * Who reads this terminal: the language chosen from `--lang`, JUNMAI_SYNC_LANG, the config's
 * `language`, the POSIX locale variables and the OS locale (i18n/language.ts has the order), and
 * a Translator for it. Made once, before commander builds the help texts, so `--help` and the
 * very first error already speak the reader's language.
 */

import { resolvePaths } from "../config/paths.js";
import { peekConfigLanguage } from "../config/peek-language.js";
import { chooseLanguage, type LanguageChoice, osLocale } from "../i18n/language.js";
import { createTranslator, type Translator } from "../i18n/translator.js";

export interface CliReader {
  readonly choice: LanguageChoice;
  readonly tr: Translator;
}

/** The value of `--name value` or `--name=value` (or `-s value`) anywhere before `--`. */
export function optionValue(argv: readonly string[], long: string, short?: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--") break;
    if (arg === long || (short !== undefined && arg === short)) found = argv[i + 1];
    else if (arg.startsWith(`${long}=`)) found = arg.slice(long.length + 1);
  }
  return found;
}

export function cliReader(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliReader {
  const flag = optionValue(argv, "--lang");
  const configFlag = optionValue(argv, "--config", "-c");
  const choice = chooseLanguage({
    flag: flag === "en" || flag === "ja" ? flag : undefined,
    env,
    configLanguage: () => peekConfigLanguage(resolvePaths({ configFlag, env }).configPath),
    osLocale,
  });
  return { choice, tr: createTranslator(choice.language, { locale: choice.locale }) };
}

/**
 * The dashboard page in its reader's language. The reader is chosen per request: the switch on
 * the page (remembered in a cookie, so the server and the browser agree from the first paint),
 * else the browser's Accept-Language, else English. The server fills every `data-i18n` text of
 * index.html from the catalogue and hands app.js the messages it writes later as a JSON block
 * (not a script: the page's CSP runs no inline code).
 */
import { defaultHint, ERROR_CODES } from "../domain/errors.js";
import { isLanguage, type Language, languageOfAcceptLanguage } from "../i18n/language.js";
import { recognisableTemplates } from "../i18n/recognise.js";
import { CATALOGUES, createTranslator, type Translator } from "../i18n/translator.js";

export const LANGUAGE_COOKIE = "junmai-sync-lang";

/** Catalogue areas app.js uses. */
const CLIENT_PREFIXES = [
  "dashboard.",
  "state.",
  "batchStatus.",
  "errors.",
  "format.",
  "stored.",
  "bandwidth.",
  "faults.",
  "rendition.",
];

export function dashboardLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  const chosen = cookie
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LANGUAGE_COOKIE)?.[1];
  if (isLanguage(chosen)) return chosen;
  return languageOfAcceptLanguage(acceptLanguage) ?? "en";
}

/** What app.js needs: its messages, the locale for Intl, and the English default hints. */
export function clientMessages(tr: Translator) {
  const catalogue = CATALOGUES[tr.language];
  const messages = Object.fromEntries(
    Object.entries(catalogue).filter(([key]) => CLIENT_PREFIXES.some((prefix) => key.startsWith(prefix))),
  );
  // A stored error keeps English text; its hint is shown translated when it is the default.
  const defaultHints = Object.fromEntries(ERROR_CODES.map((code) => [code, defaultHint(code)]));
  // And its message is recognised by its English text (as app/describe-error.ts does).
  const storedEnglish = Object.fromEntries(recognisableTemplates());
  return { language: tr.language, locale: tr.locale, messages, defaultHints, storedEnglish };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `{command}` in a page text becomes the command it names, as code. */
const COMMANDS: Readonly<Record<string, string>> = {
  command: "junmai-sync upload",
  urlCommand: "junmai-sync token --url",
};

function pageText(key: string, tr: Translator): string | undefined {
  const text = tr.render({ key });
  if (text === undefined) return undefined;
  return escapeHtml(text).replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const command =
      key === "dashboard.token.explain" && name === "command" ? "junmai-sync token" : COMMANDS[name];
    return command === undefined ? whole : `<code>${escapeHtml(command)}</code>`;
  });
}

export function renderDashboardPage(html: string, language: Language): string {
  const tr = createTranslator(language);
  const json = JSON.stringify(clientMessages(tr)).replace(/</g, "\\u003c");
  return html
    .replace(/<html lang="[^"]*">/, `<html lang="${language}">`)
    .replace(
      /(<(\w+)[^>]*\sdata-(?:i18n|t)="([^"]+)"[^>]*>)([^<]*)(<\/\2>)/g,
      (whole, open: string, _tag: string, key: string, _text: string, close: string) => {
        const text = pageText(key, tr);
        return text === undefined ? whole : `${open}${text}${close}`;
      },
    )
    .replace(/(\sdata-i18n-label="([^"]+)")/g, (whole, _attr: string, key: string) => {
      const text = tr.render({ key });
      return text === undefined ? whole : `${whole} aria-label="${escapeHtml(text)}"`;
    })
    .replace(/(<option value="(\w+)")/g, (whole, _open: string, value: string) =>
      value === language ? `${whole} selected` : whole,
    )
    .replace("</head>", `  <script type="application/json" id="messages">${json}</script>\n  </head>`);
}

/**
 * `/messages.json` for pages that fill their own texts (the settings pages): the catalogue areas
 * they use, in the reader's language (the same cookie and Accept-Language as the page).
 */
export function pageMessagesJson(language: Language, prefixes: readonly string[]): string {
  const catalogue = CATALOGUES[language];
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(catalogue).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
    ),
  );
}

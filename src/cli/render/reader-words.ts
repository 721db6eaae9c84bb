/**
 * A line an app function wrote in English with one of our sentences (service notes, integration
 * file roles …), shown in the reader's language: the app does not know its reader, the edge does.
 */
import { recogniseIn } from "../../i18n/recognise.js";
import type { Translator } from "../../i18n/translator.js";

/** The line in the reader's words when it is a sentence of ours under `prefix`, else as it is. */
export function inReaderWords(tr: Translator, line: string, prefix: string): string {
  const ref = recogniseIn(line, prefix);
  return (ref === undefined ? undefined : tr.render(ref)) ?? line;
}

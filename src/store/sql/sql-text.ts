/**
 * Statement texts, built once per dialect and shape and then kept: the hot path only binds
 * parameters. A shape is what changes a text — a list of states, how many rows a VALUES list
 * has — never a value. Row counts are split into powers of two, so a statement over any number
 * of rows is one of a few texts (and a few prepared statements), not one per count.
 */
import { isJobState, type JobState } from "../../domain/job.js";
import type { ColumnType, SqlWords } from "./dialect.js";

const kept = new WeakMap<SqlWords, Map<string, string>>();

/** The text `build` makes for this dialect and `key`, built on first use and kept. */
export function text(words: SqlWords, key: string, build: () => string): string {
  let texts = kept.get(words);
  if (texts === undefined) {
    texts = new Map();
    kept.set(words, texts);
  }
  let sql = texts.get(key);
  if (sql === undefined) {
    sql = build();
    texts.set(key, sql);
  }
  return sql;
}

/**
 * States as SQL literals (`'pending', 'retrying'`): a partial index's WHERE clause only
 * matches a literal, and the set of states is small, so each set is its own kept text.
 */
export function stateList(states: readonly JobState[]): string {
  return states
    .map((state) => {
      if (!isJobState(state)) throw new TypeError(`not a job state: ${String(state)}`);
      return `'${state}'`;
    })
    .join(", ");
}

/** `rows` rows of parameters, each `(?, ?, …)`, the first typed where the dialect needs it. */
export function valuesList(words: SqlWords, types: readonly ColumnType[], rows: number): string {
  const typedRow = `(${types.map((type) => words.typed(type)).join(", ")})`;
  const plainRow = `(${types.map(() => "?").join(", ")})`;
  return [typedRow, ...Array.from({ length: rows - 1 }, () => plainRow)].join(", ");
}

/** Splits `items` into runs whose lengths are powers of two, at most `max` (itself one). */
export function powerOfTwoChunks<T>(items: readonly T[], max: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < items.length) {
    let size = max;
    while (size > items.length - start) size /= 2;
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

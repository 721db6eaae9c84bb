/**
 * A store operation written once for both SQL dialects: a generator that yields each statement
 * it needs — plain SQL text, written once per shape and kept, with its parameters — and
 * receives that statement's result back. Each dialect runs it its own way — better-sqlite3
 * synchronously inside one `BEGIN IMMEDIATE` transaction from its cache of prepared statements
 * (so no transaction ever spans an `await`), pg asynchronously inside one pg transaction as
 * named prepared statements — while the decisions between the statements (transition, lease
 * checks, limits) live here, once. No query builder runs per call: building the text of every
 * call's statement was a third of the store's CPU for a group of small files.
 */

/** What a statement's result is wanted as: every row, the first row, or the rows it changed. */
export type StepMode = "all" | "first" | "changes";

/**
 * One statement: its text (`?` for each parameter; PostgreSQL's runner numbers them) and its
 * parameters. `Row` is the type of a row it returns, carried for `all` and `first`.
 */
export interface Statement<Row = unknown> {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Never set: holds `Row` in the type. */
  readonly row?: Row;
}

export interface Step {
  readonly statement: Statement;
  readonly mode: StepMode;
}

/** An operation returning `T`; each `yield` is one statement, answered by the dialect's runner. */
export type Operation<T> = Generator<Step, T, unknown>;

export function statement<Row = never>(sql: string, parameters: readonly unknown[]): Statement<Row> {
  return { sql, parameters };
}

// The runner answers each step as its mode says; the casts restore the row type of the statement.

/** Every row the statement returns. */
export function* all<Row>(query: Statement<Row>): Operation<Row[]> {
  return (yield { statement: query, mode: "all" }) as Row[];
}

/** The statement's first row, if any. */
export function* first<Row>(query: Statement<Row>): Operation<Row | undefined> {
  return (yield { statement: query, mode: "first" }) as Row | undefined;
}

/** How many rows the statement inserted, updated or deleted. */
export function* changes(query: Statement<unknown>): Operation<number> {
  return (yield { statement: query, mode: "changes" }) as number;
}

/** An operation of one statement's rows, mapped (most reads). */
export function* mapAll<Row, T>(query: Statement<Row>, map: (row: Row) => T): Operation<T[]> {
  return (yield* all(query)).map(map);
}

/** An operation of one statement's first row, mapped; undefined when there is none. */
export function* mapFirst<Row, T>(query: Statement<Row>, map: (row: Row) => T): Operation<T | undefined> {
  const row = yield* first(query);
  return row === undefined ? undefined : map(row);
}

/** An operation of nothing: what a dialect yields where the other needs a statement. */
export function* nothing(): Operation<void> {}

/** Runs an operation synchronously, answering each step with `execute` (better-sqlite3). */
export function runSync<T>(operation: Operation<T>, execute: (step: Step) => unknown): T {
  let next = operation.next();
  while (next.done !== true) next = operation.next(execute(next.value));
  return next.value;
}

/** Runs an operation, awaiting each step's answer from `execute` (pg). */
export async function runAsync<T>(
  operation: Operation<T>,
  execute: (step: Step) => Promise<unknown>,
): Promise<T> {
  let next = operation.next();
  while (next.done !== true) next = operation.next(await execute(next.value));
  return next.value;
}

/**
 * A store operation written once for both SQL dialects: a generator that yields each statement
 * it needs, compiled by Kysely, and receives that statement's result back. Each dialect runs it
 * its own way — better-sqlite3 synchronously inside one `BEGIN IMMEDIATE` transaction (so no
 * transaction ever spans an `await`), pg asynchronously inside one pg transaction — while the
 * decisions between the statements (transition, lease checks, limits) live here, once.
 */
import type { CompiledQuery, InferResult } from "kysely";

/** What a statement's result is wanted as: every row, the first row, or the rows it changed. */
export type StepMode = "all" | "first" | "changes";

export interface Step {
  readonly query: CompiledQuery;
  readonly mode: StepMode;
}

/** An operation returning `T`; each `yield` is one statement, answered by the dialect's runner. */
export type Operation<T> = Generator<Step, T, unknown>;

/** Anything Kysely can compile; the result type rides along for `all` and `first`. */
// biome-ignore lint/suspicious/noExplicitAny: Kysely's own Compilable bound; results are typed through InferResult.
export type Query = { compile(): CompiledQuery<any> };

// The runner answers each step as its mode says; the casts restore the type Kysely inferred.

/** Every row the query returns. */
export function* all<Q extends Query>(query: Q): Operation<InferResult<Q>> {
  return (yield { query: query.compile(), mode: "all" }) as InferResult<Q>;
}

/** The query's first row, if any. */
export function* first<Q extends Query>(query: Q): Operation<InferResult<Q>[number] | undefined> {
  return (yield { query: query.compile(), mode: "first" }) as InferResult<Q>[number] | undefined;
}

/** How many rows the statement inserted, updated or deleted. */
export function* changes(query: Query | CompiledQuery): Operation<number> {
  const compiled = "compile" in query ? query.compile() : query;
  return (yield { query: compiled, mode: "changes" }) as number;
}

/** An operation of one statement's rows, mapped (most reads). */
export function* mapAll<Q extends Query, T>(
  query: Q,
  map: (row: InferResult<Q>[number]) => T,
): Operation<T[]> {
  return (yield* all(query)).map(map);
}

/** An operation of one statement's first row, mapped; undefined when there is none. */
export function* mapFirst<Q extends Query, T>(
  query: Q,
  map: (row: InferResult<Q>[number]) => T,
): Operation<T | undefined> {
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

/**
 * Makes drizzle's parameterized queries use named prepared statements on
 * postgres.js.
 *
 * drizzle sends every query through `sql.unsafe(text, params, { prepare })`
 * with `prepare: false` unless the query was built with `.prepare(name)`. An
 * unprepared query with parameters costs two round trips on the wire (Parse +
 * Describe, wait, then Bind + Execute); a prepared one costs one after its
 * first use on a connection. The ingest profile put a third of its time in the
 * first round trip, so every parameterized query is prepared here.
 *
 * Queries without parameters stay unprepared: a multi-statement text (drizzle's
 * `sql.raw` in resets and migrations) cannot be a prepared statement. So do
 * queries with more than {@link MAX_PREPARED_PARAMS} parameters: their text
 * grows with a list (`IN (...)`, multi-row `VALUES`), each length would be one
 * more statement kept on every connection, and postgres.js never evicts them.
 * Batches that should be prepared travel as one jsonb parameter instead.
 * PostgreSQL re-plans a cached statement when a table it names is dropped and
 * re-created, so resets and migrations keep working on open connections.
 *
 * @module
 */
import type postgres from "postgres";

type Sql = postgres.Sql;

/** Longest parameter list worth preparing (bounds the statements cached per connection). */
export const MAX_PREPARED_PARAMS = 32;

/** `client`, with `unsafe` preparing parameterized queries, inside transactions and savepoints too. */
export function preparingParameterizedQueries<T extends Sql | postgres.TransactionSql>(
  client: T,
): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(text, params as never, {
            ...options,
            prepare: (params?.length ?? 0) > 0 && params!.length <= MAX_PREPARED_PARAMS,
          });
      }
      if (property === "begin" || property === "savepoint") {
        // deno-lint-ignore no-explicit-any
        return (...args: any[]) => {
          const last = args.length - 1;
          const body = args[last] as (inner: postgres.TransactionSql) => unknown;
          args[last] = (inner: postgres.TransactionSql) =>
            body(preparingParameterizedQueries(inner));
          // deno-lint-ignore no-explicit-any
          return (target as any)[property](...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

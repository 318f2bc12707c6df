/**
 * A statement whose SQL text is built once, when its module loads: each run
 * binds only its values.
 *
 * `orm.execute(sql\`...\`)` walks the whole template (and every fragment it
 * embeds) on each call to produce the same text again; for a hot statement the
 * purchase profile put ~40% of the server's CPU there. A {@link FixedStatement}
 * is written with the same `sql` template, but with named placeholders for its
 * values; the text is rendered once, and a run hands the text and the values to
 * the session of the handle it is given (the database or an open transaction),
 * so it runs on postgres.js (where `db/prepared_client.ts` makes it a named
 * prepared statement per connection) and on PGlite alike.
 *
 * @example Usage
 * ```ts
 * const BALANCE = fixedStatement<{ user: string }>((p) =>
 *   sql`SELECT point_balance FROM users WHERE id = ${p.user}::uuid`
 * );
 * const [row] = await BALANCE.rows<{ point_balance: number }>(orm, { user: id });
 * ```
 *
 * @module
 */
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Orm } from "./client.ts";

/** One placeholder per value of the statement, by name. */
export type Placeholders<V> = { readonly [K in keyof V & string]: Placeholder<K> };

/** A statement built once; see the module documentation. */
export interface FixedStatement<V extends Record<string, unknown>> {
  /** The rendered SQL text ($1, $2, ... in placeholder order). */
  readonly text: string;
  /** Runs the statement with `values` on `orm` and returns its rows. */
  rows<T>(orm: Orm, values: V): Promise<T[]>;
}

const dialect = new PgDialect();

/**
 * Renders `build(placeholders)` to text once; `rows()` then binds `values`
 * by placeholder name. Every placeholder needs a value (a missing one throws).
 */
export function fixedStatement<V extends Record<string, unknown>>(
  build: (p: Placeholders<V>) => SQL,
): FixedStatement<V> {
  const names = new Proxy({}, {
    get: (_target, name) => sql.placeholder(String(name)),
  }) as Placeholders<V>;
  const query = dialect.sqlToQuery(build(names));
  return {
    text: query.sql,
    rows: async <T>(orm: Orm, values: V) => {
      const prepared = orm._.session.prepareQuery(
        { sql: query.sql, params: query.params },
        undefined,
        undefined,
        false,
      );
      return rowsOf<T>(await prepared.execute(values));
    },
  };
}

/** postgres.js answers an array, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? result as T[] : ((result as { rows?: T[] }).rows ?? []);
}

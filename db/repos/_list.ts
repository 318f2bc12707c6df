/**
 * Shared list plumbing: allow-listed sort keys → columns, one page of rows plus
 * the total. Sort and filter names have been checked by core before they get here.
 *
 * @module
 */
import { asc, count, desc, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { ListQuery, Page } from "../../core/pagination.ts";
import { pageOf } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";

/** ORDER BY terms for `query.sort`, with `tiebreak` last so pages never overlap. */
export function orderBy<S extends string>(
  query: ListQuery<S>,
  columns: Record<S, AnyPgColumn>,
  tiebreak: AnyPgColumn,
): SQL[] {
  return [
    ...query.sort.map((key) =>
      key.direction === "desc" ? desc(columns[key.field]) : asc(columns[key.field])
    ),
    asc(tiebreak),
  ];
}

/** Fetches one page of `table` rows matching `where`, and the total. */
export async function pageFrom<Row, Item>(options: {
  orm: Orm;
  table: PgTable;
  where: SQL | undefined;
  order: SQL[];
  query: ListQuery;
  rows: (limit: number, offset: number) => Promise<Row[]>;
  map: (row: Row) => Item;
}): Promise<Page<Item>> {
  const { orm, table, where, query } = options;
  const offset = (query.page - 1) * query.perPage;
  const [rows, [{ total }]] = await Promise.all([
    options.rows(query.perPage, offset),
    orm.select({ total: count() }).from(table).where(where),
  ]);
  return pageOf(rows.map(options.map), Number(total), query);
}

export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * The drawing list as one statement built once per sort order: the page of
 * drawings with their prizes (as JSON) and the total (a window count), so a
 * list costs one round trip and no SQL building. The drawing list is a third
 * of the plan's load mix, and drizzle building its three queries (≈ 35
 * columns each) was most of its CPU.
 *
 * @module
 */
import { getTableColumns, sql } from "drizzle-orm";
import type { Drawing, DrawingFilter, DrawingSort } from "../../core/drawings/schemas.ts";
import type { ListQuery } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";
import { drawings, prizes } from "../schema/mod.ts";
import { type FixedStatement, fixedStatement } from "../statement.ts";

type Row = typeof drawings.$inferSelect;
type PrizeRow = typeof prizes.$inferSelect;

/** The seed secret and pseudonym key never leave their own reads. */
const SECRET: ReadonlySet<string> = new Set(["seedSecret", "pseudonymKey"]);
const SELECTED = Object.entries(getTableColumns(drawings)).filter(([key]) => !SECRET.has(key));
const SELECT_LIST = sql.raw(SELECTED.map(([, column]) => `d.${column.name}`).join(", "));
/** Prize columns as JSON keys named like drizzle's row properties. */
const PRIZE_JSON = sql.raw(
  Object.entries(getTableColumns(prizes))
    .map(([key, column]) => `'${key}', p.${column.name}`).join(", "),
);

/** Column names of the sortable fields. */
const SORT_COLUMNS: Record<DrawingSort, string> = {
  drawing_time: drawings.drawingTime.name,
  created_at: drawings.createdAt.name,
  ticket_cost_points: drawings.ticketCostPoints.name,
  name: drawings.name.name,
};

type ListValues = { status: string | null; type: string | null; limit: number; offset: number };
const statements = new Map<string, FixedStatement<ListValues>>();

/** The statement for one sort order (the allow-list bounds how many there are). */
function listStatement(sort: ListQuery<DrawingSort>["sort"]): FixedStatement<ListValues> {
  const key = sort.map((s) => `${s.field}:${s.direction}`).join(",");
  let statement = statements.get(key);
  if (!statement) {
    const order = sql.raw(
      [...sort.map((s) => `d.${SORT_COLUMNS[s.field]} ${s.direction}`), "d.id asc"].join(", "),
    );
    statement = fixedStatement<ListValues>((p) =>
      sql`SELECT ${SELECT_LIST},
          (SELECT coalesce(json_agg(json_build_object(${PRIZE_JSON}) ORDER BY p.rank), '[]'::json)
             FROM prizes p WHERE p.drawing_id = d.id) AS prize_rows,
          count(*) OVER () AS total_rows
        FROM drawings d
       WHERE d.deleted_at IS NULL
         AND (${p.status}::text IS NULL OR d.status = ${p.status}::text)
         AND (${p.type}::text IS NULL OR d.drawing_type = ${p.type}::text)
       ORDER BY ${order} LIMIT ${p.limit}::int OFFSET ${p.offset}::int`
    );
    statements.set(key, statement);
  }
  return statement;
}

/** A raw row (column names, driver values) as drizzle's row, mapped as drizzle maps it. */
function asRow(raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [key, column] of SELECTED) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Row;
}

/**
 * One page of drawings (`toDrawing` maps each) and the total; `total` is null
 * when the page is empty past the first (the caller counts then).
 */
export async function listDrawingsPage(
  orm: Orm,
  query: ListQuery<DrawingSort, DrawingFilter>,
  toDrawing: (row: Row, prizes: PrizeRow[]) => Drawing,
): Promise<{ items: Drawing[]; total: number | null }> {
  const raws = await listStatement(query.sort).rows<Record<string, unknown>>(orm, {
    status: query.filters.status ?? null,
    type: query.filters.drawing_type ?? null,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const items = raws.map((raw) => {
    const prizeRows = typeof raw.prize_rows === "string"
      ? JSON.parse(raw.prize_rows)
      : raw.prize_rows;
    return toDrawing(asRow(raw), prizeRows as PrizeRow[]);
  });
  const total = raws.length > 0 ? Number(raws[0].total_rows) : query.page === 1 ? 0 : null;
  return { items, total };
}

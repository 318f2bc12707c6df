/**
 * The drawing list: one statement per sort order pages through the drawings
 * for just their id, version and ticket count (and the total, a window count);
 * the rest of each drawing comes from a per-process memo by id and version,
 * and only drawings it lacks are read whole (with their prizes as JSON).
 *
 * Why the memo holds: every change to a drawing goes through
 * `DrizzleDrawingRepo.update()`, which bumps `version`; the only column
 * written without it is `total_tickets` (ticket sales), read fresh on every
 * list; prizes are written once, with the drawing. So a drawing at the same
 * version is the same drawing but for its ticket count. The list is a third
 * of the plan's load mix, and decoding and mapping ~35 columns per drawing
 * was most of its CPU.
 *
 * @module
 */
import { getTableColumns, sql } from "drizzle-orm";
import type { Drawing, DrawingFilter, DrawingSort } from "../../core/drawings/schemas.ts";
import type { ListQuery } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";
import { drawings, prizes } from "../schema/mod.ts";
import { type FixedStatement, fixedStatement } from "../statement.ts";
import { BoundedMap } from "../../core/bounded_map.ts";

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
      sql`SELECT d.id, d.version, d.total_tickets, count(*) OVER () AS total_rows
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

/** Whole drawings with their prizes; `ids` is a PostgreSQL array literal. */
const WHOLE = fixedStatement<{ ids: string }>((p) =>
  sql`SELECT ${SELECT_LIST},
      (SELECT coalesce(json_agg(json_build_object(${PRIZE_JSON}) ORDER BY p.rank), '[]'::json)
         FROM prizes p WHERE p.drawing_id = d.id) AS prize_rows
    FROM drawings d WHERE d.id = ANY(${p.ids}::uuid[]) AND d.deleted_at IS NULL`
);

/** A raw row (column names, driver values) as drizzle's row, mapped as drizzle maps it. */
function asRow(raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [key, column] of SELECTED) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Row;
}

/** Drawings by "id version", as last read whole; one per store (a store is one database). */
export type DrawingMemo = BoundedMap<string, Drawing>;

export function drawingMemo(capacity = 1000): DrawingMemo {
  return new BoundedMap(capacity);
}

interface PageRow {
  id: string;
  version: number;
  total_tickets: number;
  total_rows: number | string;
}

/**
 * One page of drawings (`toDrawing` maps each drawing read whole) and the
 * total; `total` is null when the page is empty past the first (the caller
 * counts then).
 */
export async function listDrawingsPage(
  orm: Orm,
  memo: DrawingMemo,
  query: ListQuery<DrawingSort, DrawingFilter>,
  toDrawing: (row: Row, prizes: PrizeRow[]) => Drawing,
): Promise<{ items: Drawing[]; total: number | null }> {
  const page = await listStatement(query.sort).rows<PageRow>(orm, {
    status: query.filters.status ?? null,
    type: query.filters.drawing_type ?? null,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const known = (r: { id: string; version: number }) => memo.get(`${r.id} ${r.version}`);
  const missing = page.filter((r) => !known(r)).map((r) => r.id);
  const read = new Map<string, Drawing>();
  if (missing.length > 0) {
    const raws = await WHOLE.rows<Record<string, unknown>>(orm, { ids: `{${missing.join(",")}}` });
    for (const raw of raws) {
      const prizeRows = typeof raw.prize_rows === "string"
        ? JSON.parse(raw.prize_rows)
        : raw.prize_rows;
      const drawing = toDrawing(asRow(raw), prizeRows as PrizeRow[]);
      memo.set(`${drawing.id} ${drawing.version}`, drawing);
      read.set(drawing.id, drawing);
    }
  }
  const items: Drawing[] = [];
  for (const r of page) {
    const held = known(r);
    // Read whole just now: possibly a newer version than the page saw, and used as read.
    if (!held) {
      const fresh = read.get(r.id);
      if (fresh) items.push(fresh); // else deleted in between: no longer listed
      continue;
    }
    // The memo's objects are shared: copied with this read's count, never changed.
    items.push({ ...held, total_tickets: Number(r.total_tickets) });
  }
  const total = page.length > 0 ? Number(page[0].total_rows) : query.page === 1 ? 0 : null;
  return { items, total };
}

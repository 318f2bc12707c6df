/**
 * Board reads over the rollup table, one statement per request: total, the
 * page, the viewer's row, how many rank ahead of it and the ±N around it. Each
 * part is an index range scan on leaderboard_scores_board_idx; nothing reads
 * the ledger.
 *
 * @module
 */
import { type SQL, sql } from "drizzle-orm";
import type { BoardKey, BoardRead, BoardReadQuery } from "../../core/leaderboards/repo.ts";
import type { Ranking } from "../../core/leaderboards/schemas.ts";

/** The rows of one board, as `alias` (visible users only). */
export function onBoard(alias: string, board: BoardKey): SQL {
  const a = sql.raw(alias);
  return sql`${a}.period_kind = ${board.period} AND ${a}.period_start = ${board.start}::date
    AND ${a}.tier_code = ${board.tierCode} AND NOT ${a}.hidden`;
}

/**
 * Rows of `alias` ranked ahead of the position (p, r, u); `orEqual` includes
 * the position itself. The leading `points >=` bounds the index scan.
 */
function aheadOf(alias: string, p: SQL, r: SQL, u: SQL, orEqual = false): SQL {
  const a = sql.raw(alias);
  const last = orEqual ? sql`${a}.user_id <= ${u}` : sql`${a}.user_id < ${u}`;
  return sql`${a}.points >= ${p} AND (${a}.points > ${p} OR (${a}.points = ${p} AND
    (${a}.reached_at < ${r} OR (${a}.reached_at = ${r} AND ${last}))))`;
}

function behind(alias: string, p: SQL, r: SQL, u: SQL): SQL {
  const a = sql.raw(alias);
  return sql`${a}.points <= ${p} AND (${a}.points < ${p} OR (${a}.points = ${p} AND
    (${a}.reached_at > ${r} OR (${a}.reached_at = ${r} AND ${a}.user_id > ${u}))))`;
}

const RANKED = sql`s.points DESC, s.reached_at, s.user_id`;
const RANKED_REVERSE = sql`s.points, s.reached_at DESC, s.user_id DESC`;

/** A read of a named tier's board. */
export type TierBoardQuery = BoardReadQuery & { tierCode: string };

/** The statement behind {@link toBoardRead}. */
export function boardReadQuery(q: TierBoardQuery): SQL {
  const me = { p: sql`me.points`, r: sql`me.reached_at`, u: sql`me.user_id` };
  const after = q.after
    ? {
      p: sql`${q.after.points}::int`,
      r: sql`${q.after.reached_at}::timestamptz`,
      u: sql`${q.after.user_id}::uuid`,
    }
    : null;
  const viewer = q.viewerId ?? "00000000-0000-0000-0000-000000000000";
  const page = after
    ? sql`SELECT 'page' AS section, s.user_id, s.points, s.reached_at FROM leaderboard_scores s
        WHERE ${onBoard("s", q)} AND ${behind("s", after.p, after.r, after.u)}
        ORDER BY ${RANKED} LIMIT ${q.limit}`
    : sql`SELECT 'page' AS section, s.user_id, s.points, s.reached_at FROM leaderboard_scores s
        WHERE ${onBoard("s", q)} ORDER BY ${RANKED} LIMIT ${q.limit} OFFSET ${q.offset}`;
  const skipped = after
    ? sql`UNION ALL SELECT 'skipped', NULL, count(*)::int, NULL FROM leaderboard_scores s
        WHERE ${onBoard("s", q)} AND ${aheadOf("s", after.p, after.r, after.u, true)}`
    : sql``;
  return sql`WITH me AS MATERIALIZED (
      SELECT s.user_id, s.points, s.reached_at FROM leaderboard_scores s
       WHERE ${onBoard("s", q)} AND s.user_id = ${viewer}::uuid)
    SELECT x.section, x.user_id, x.points, x.reached_at, p.display_name FROM (
      SELECT 'total' AS section, NULL::uuid AS user_id, count(*)::int AS points,
             NULL::timestamptz AS reached_at
        FROM leaderboard_scores s WHERE ${onBoard("s", q)}
      UNION ALL SELECT 'me', user_id, points, reached_at FROM me
      UNION ALL SELECT 'ahead', NULL, count(*)::int, NULL FROM leaderboard_scores s, me
        WHERE ${onBoard("s", q)} AND ${aheadOf("s", me.p, me.r, me.u)}
      UNION ALL (${page})
      ${skipped}
      UNION ALL SELECT 'above', n.user_id, n.points, n.reached_at FROM me CROSS JOIN LATERAL (
        SELECT s.user_id, s.points, s.reached_at FROM leaderboard_scores s
         WHERE ${onBoard("s", q)} AND ${aheadOf("s", me.p, me.r, me.u)}
         ORDER BY ${RANKED_REVERSE} LIMIT ${q.around}) n
      UNION ALL SELECT 'below', n.user_id, n.points, n.reached_at FROM me CROSS JOIN LATERAL (
        SELECT s.user_id, s.points, s.reached_at FROM leaderboard_scores s
         WHERE ${onBoard("s", q)} AND ${behind("s", me.p, me.r, me.u)}
         ORDER BY ${RANKED} LIMIT ${q.around}) n
    ) x LEFT JOIN profiles p ON p.user_id = x.user_id`;
}

export interface BoardRow {
  section: "total" | "me" | "ahead" | "page" | "skipped" | "above" | "below";
  user_id: string | null;
  points: number | string;
  reached_at: Date | string | null;
  display_name: string | null;
}

/** Assembles the statement's sections into ranked rows. */
export function toBoardRead(q: TierBoardQuery, rows: BoardRow[]): BoardRead {
  const of = (section: BoardRow["section"]) => rows.filter((r) => r.section === section);
  const count = (section: BoardRow["section"]) => Number(of(section)[0]?.points ?? 0);
  const entry = (row: BoardRow, rank: number) => ({
    rank,
    user_id: row.user_id!,
    display_name: row.display_name ?? "",
    tier_code: q.tierCode,
    points: Number(row.points),
  });
  const order = (a: BoardRow, b: BoardRow) =>
    Number(b.points) - Number(a.points) ||
    new Date(a.reached_at!).getTime() - new Date(b.reached_at!).getTime() ||
    (a.user_id! < b.user_id! ? -1 : 1);
  const skipped = q.after ? count("skipped") : q.offset;
  const page = of("page").sort(order);
  const rankings = page.map((row, i) => entry(row, skipped + i + 1));
  const lastRow = page.at(-1);
  const mine = of("me")[0];
  let me: BoardRead["me"] = null;
  let around: Ranking[] = [];
  if (mine) {
    const rank = count("ahead") + 1;
    me = { rank, points: Number(mine.points) };
    const above = of("above").sort(order);
    around = [
      ...above.map((row, i) => entry(row, rank - above.length + i)),
      entry(mine, rank),
      ...of("below").sort(order).map((row, i) => entry(row, rank + 1 + i)),
    ];
  }
  return {
    tierCode: q.tierCode,
    total: count("total"),
    skipped,
    rankings,
    last: lastRow
      ? {
        points: Number(lastRow.points),
        reached_at: new Date(lastRow.reached_at!).toISOString(),
        user_id: lastRow.user_id!,
      }
      : null,
    me,
    around_me: around,
    source: "postgres",
  };
}

/**
 * The plan's own query (Checkpoint 4 technical notes): the board aggregated
 * from the ledger at request time. Kept only as the benchmark's baseline.
 */
export function ledgerBoardQuery(
  q: { tierCode: string; from: Date | null; until: Date | null; limit: number },
): SQL {
  return sql`SELECT u.id AS user_id, p.display_name, p.tier_code, sum(t.amount)::int AS points,
      row_number() OVER (ORDER BY sum(t.amount) DESC, max(t.created_at) ASC) AS rank
    FROM users u JOIN profiles p ON u.id = p.user_id JOIN point_transactions t ON u.id = t.user_id
   WHERE p.tier_code = ${q.tierCode} AND t.transaction_type = 'earn'
     AND u.deleted_at IS NULL AND u.status NOT IN ('suspended', 'banned')
     ${q.from ? sql`AND t.created_at >= ${q.from.toISOString()}::timestamptz` : sql``}
     ${q.until ? sql`AND t.created_at < ${q.until.toISOString()}::timestamptz` : sql``}
   GROUP BY u.id, p.display_name, p.tier_code ORDER BY rank LIMIT ${q.limit}`;
}

/**
 * Keeping the two copies right: rollups rebuilt or repaired from the ledger,
 * and Redis boards loaded from (and checked against) the rollups.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { PeriodKey } from "../../core/leaderboards/board_keys.ts";
import type { BoardKey, RebuildReport, ReconcileReport } from "../../core/leaderboards/repo.ts";
import { encodeScore } from "../../core/leaderboards/score.ts";
import { TIER_CODES } from "../../core/tiers/tier_code.ts";
import type { BoardMember, BoardRef, RedisBoards } from "../cache/leaderboard_store.ts";
import type { Database, Orm } from "../client.ts";
import type { LeaderboardContext } from "./leaderboards.ts";
import {
  driftedUsersQuery,
  lockUsersQuery,
  repairRollupsQuery,
  syncHiddenQuery,
} from "./leaderboards_rebuild.ts";
import { onBoard } from "./leaderboards_sql.ts";

/** Users rewritten per transaction by the online repair. */
const REPAIR_BATCH = 1000;

/** Every visible member of a board, from PostgreSQL (outside any transaction). */
export function boardMembers(
  db: Database,
  board: BoardKey,
  since: Date | null = null,
): Promise<(BoardMember & { composite: number })[]> {
  return db.rows<{
    user_id: string;
    points: number | string;
    reached_at: Date | string;
    display_name: string;
  }>(sql`SELECT s.user_id, s.points, s.reached_at, p.display_name
      FROM leaderboard_scores s JOIN profiles p ON p.user_id = s.user_id
     WHERE ${onBoard("s", board)}
       ${since ? sql`AND s.reached_at >= ${since.toISOString()}::timestamptz` : sql``}`).then((
    rows,
  ) =>
    rows.map((r) => {
      const m = {
        userId: r.user_id,
        points: Number(r.points),
        reachedAt: new Date(r.reached_at),
        displayName: r.display_name,
      };
      return { ...m, composite: safeComposite(m.points, m.reachedAt) };
    })
  );
}

/** Loads one board into Redis from the rollups, then re-applies rows that changed meanwhile. */
export async function loadBoard(
  db: Database,
  boards: RedisBoards,
  board: BoardRef,
): Promise<number> {
  const startedAt = Date.now();
  const members = await boardMembers(db, board);
  const written = await boards.replace(board, members);
  // reached_at is the earning transaction's start; those last milliseconds, so rows from
  // 2 s before the load began cover every write that may have raced the RENAME.
  const recent = await boardMembers(db, board, new Date(startedAt - 2000));
  await boards.apply({ upserts: recent.map((m) => ({ board, ...m })), removals: [] });
  return written;
}

function currentBoards(current: PeriodKey[]): BoardRef[] {
  return current.flatMap((k) =>
    TIER_CODES.map((tierCode) => ({
      period: k.period,
      start: k.start,
      tierCode,
      endsAt: k.endsAt,
    }))
  );
}

/**
 * The full rebuild: one statement over every user with the table locked, so
 * earnings wait (seconds to minutes at scale) instead of racing it.
 */
async function rebuildRollups(db: Database, timeZone: string): Promise<number> {
  const changed = await db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    await db.rows(sql`LOCK TABLE leaderboard_scores IN SHARE ROW EXCLUSIVE MODE`, orm);
    const [row] = await db.rows<{ changed: number }>(
      repairRollupsQuery(timeZone, null, null),
      orm,
    );
    return Number(row?.changed ?? 0);
  });
  return changed + (await db.rows(syncHiddenQuery(null))).length;
}

/**
 * The online repair: finds drifted users without locking anything, then rewrites them
 * in batches with their user rows locked; only those users' earnings wait.
 */
async function repairRollups(
  db: Database,
  tz: string,
  scope: PeriodKey[] | null,
): Promise<number> {
  const drifted = await db.rows<{ user_id: string }>(driftedUsersQuery(tz, scope));
  let changed = 0;
  for (let i = 0; i < drifted.length; i += REPAIR_BATCH) {
    const users = drifted.slice(i, i + REPAIR_BATCH).map((r) => r.user_id);
    changed += await db.orm.transaction(async (tx) => {
      const orm = tx as unknown as Orm;
      await db.rows(lockUsersQuery(users), orm);
      const [row] = await db.rows<{ changed: number }>(
        repairRollupsQuery(tz, scope, users),
        orm,
      );
      return Number(row?.changed ?? 0);
    });
  }
  return changed + (await db.rows(syncHiddenQuery(null))).length;
}

/** Rollups from the ledger (when asked), then every current Redis board from the rollups. */
export async function rebuildBoards(
  db: Database,
  ctx: Pick<LeaderboardContext, "timeZone" | "boards">,
  options: { fromLedger: boolean; current: PeriodKey[] },
): Promise<RebuildReport> {
  const rollupRows = options.fromLedger ? await rebuildRollups(db, ctx.timeZone) : 0;
  let members = 0;
  const boards = currentBoards(options.current);
  if (ctx.boards) {
    for (const board of boards) members += await loadBoard(db, ctx.boards, board);
    ctx.boards.pending.clear();
  }
  return { rollup_rows: rollupRows, redis_members: members, boards: boards.length };
}

/** Online rollup repair for the current periods, then each Redis board against its rollups. */
export async function reconcileBoards(
  db: Database,
  ctx: Pick<LeaderboardContext, "timeZone" | "boards">,
  current: PeriodKey[],
): Promise<ReconcileReport> {
  const fixed = await repairRollups(db, ctx.timeZone, current);
  const boards = currentBoards(current);
  const redis = ctx.boards;
  if (!redis) {
    return {
      boards_checked: boards.length,
      boards_repaired: 0,
      rollup_rows_fixed: fixed,
      redis: "not_configured",
    };
  }
  let repaired = 0;
  try {
    for (const board of boards) {
      const [snapshot, members] = await Promise.all([
        redis.snapshot(board),
        boardMembers(db, board),
      ]);
      const same = snapshot !== null && snapshot.size === members.length &&
        members.every((m) => snapshot.get(m.userId) === m.composite);
      if (same) continue;
      await loadBoard(db, redis, board);
      repaired++;
    }
  } catch {
    return {
      boards_checked: boards.length,
      boards_repaired: repaired,
      rollup_rows_fixed: fixed,
      redis: "unavailable",
    };
  }
  return {
    boards_checked: boards.length,
    boards_repaired: repaired,
    rollup_rows_fixed: fixed,
    redis: "checked",
  };
}

/** The composite, or NaN for totals too large to encode (those boards are PostgreSQL-only). */
function safeComposite(points: number, reachedAt: Date): number {
  try {
    return encodeScore(points, reachedAt);
  } catch {
    return Number.NaN;
  }
}

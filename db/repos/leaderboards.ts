/**
 * The leaderboard repository: rollup rows in PostgreSQL (the source of truth,
 * written in the earning transaction) and, when Redis is configured, the
 * sorted-set copy written after commit and preferred for reads. Any Redis
 * failure falls back to PostgreSQL; the answer still comes.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { type PeriodKey, periodKey, periodKeys } from "../../core/leaderboards/board_keys.ts";
import { startOfPlatformDay } from "../../core/time/platform_day.ts";
import type {
  BoardKey,
  BoardRead,
  BoardReadQuery,
  LeaderboardRepo,
  RebuildReport,
  ReconcileReport,
  Standing,
} from "../../core/leaderboards/repo.ts";
import { encodeScore } from "../../core/leaderboards/score.ts";
import type {
  BoardMember,
  BoardOps,
  BoardRef,
  RedisBoards,
  RedisRead,
} from "../cache/leaderboard_store.ts";
import type { Database, Orm } from "../client.ts";
import { staleBracketsQuery, syncHiddenQuery } from "./leaderboards_rebuild.ts";
import { loadBoard, rebuildBoards, reconcileBoards } from "./leaderboards_maintenance.ts";
import { boardReadQuery, type BoardRow, toBoardRead } from "./leaderboards_sql.ts";

/** What every leaderboard repository of one store shares. */
export interface LeaderboardContext {
  /** FITTRACK_TIMEZONE: periods are platform-zone days, weeks and months. */
  timeZone: string;
  boards: RedisBoards | null;
  /** Runs `task` once the surrounding transaction commits (at once outside one). */
  afterCommit(task: () => Promise<void>): Promise<void>;
}

interface ScoreRow {
  period_kind: BoardKey["period"];
  period_start: string;
  tier_code: string;
  points: number | string;
  reached_at: Date | string;
  hidden: boolean;
  display_name: string;
  old_tier_code?: string;
  old_hidden?: boolean;
}

function refOf(row: ScoreRow, keys: PeriodKey[], tierCode = row.tier_code): BoardRef {
  const key = keys.find((k) => k.period === row.period_kind && k.start === row.period_start);
  return {
    period: row.period_kind,
    start: row.period_start,
    tierCode,
    endsAt: key?.endsAt ?? null,
  };
}

function memberOf(userId: string, row: ScoreRow): BoardMember {
  return {
    userId,
    points: Number(row.points),
    reachedAt: new Date(row.reached_at),
    displayName: row.display_name,
  };
}

export class SqlLeaderboardRepo implements LeaderboardRepo {
  readonly #db: Database;
  readonly #orm: Orm;
  readonly #ctx: LeaderboardContext;

  constructor(db: Database, orm: Orm, ctx: LeaderboardContext) {
    this.#db = db;
    this.#orm = orm;
    this.#ctx = ctx;
  }

  #rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return this.#db.rows<T>(query, this.#orm);
  }

  /** The user's current tier from the profile, or null without one. */
  async #tierOf(userId: string): Promise<string | null> {
    const [row] = await this.#rows<{ tier_code: string }>(sql`SELECT p.tier_code FROM profiles p
      JOIN users u ON u.id = p.user_id WHERE p.user_id = ${userId}::uuid AND u.deleted_at IS NULL`);
    return row?.tier_code ?? null;
  }

  async read(query: BoardReadQuery): Promise<BoardRead | null> {
    const redis = await this.#readRedis(query);
    if (redis.status === "ok") return redis.board;
    const tierCode = "tierCode" in redis
      ? redis.tierCode
      : query.tierCode ?? (query.viewerId ? await this.#tierOf(query.viewerId) : null);
    if (tierCode === null) return null;
    // Redis did not know the viewer's tier (no all-time row yet); it may still hold the board.
    if (redis.status === "notier") return await this.read({ ...query, tierCode });
    const board = { ...query, tierCode };
    return toBoardRead(board, await this.#rows<BoardRow>(boardReadQuery(board)));
  }

  /** The board from Redis, or why not: `unavailable` covers no Redis and any failure. */
  async #readRedis(
    query: BoardReadQuery,
  ): Promise<RedisRead | { status: "unavailable" }> {
    const boards = this.#ctx.boards;
    if (!boards) return { status: "unavailable" };
    if (query.tierCode === null && !query.viewerId) return { status: "unavailable" };
    try {
      if (boards.pending.size > 0) await this.#repairPending(boards);
      const after = query.after
        ? {
          composite: encodeScore(query.after.points, new Date(query.after.reached_at)),
          userId: query.after.user_id,
        }
        : null;
      const read = await boards.read({ ...query, after });
      if (read.status === "missing") {
        // Not loaded (new period, or Redis restarted empty): PostgreSQL answers
        // while the board loads for the next request.
        const board: BoardRef = {
          period: query.period,
          start: query.start,
          tierCode: read.tierCode,
          endsAt: this.#endOf(query),
        };
        boards.loadInBackground(board, () => loadBoard(this.#db, boards, board));
      }
      return read;
    } catch {
      return { status: "unavailable" };
    }
  }

  #endOf(board: Pick<BoardKey, "period" | "start">): Date | null {
    if (board.period === "alltime") return null;
    const startsAt = startOfPlatformDay(board.start, this.#ctx.timeZone);
    return periodKey(board.period, startsAt, this.#ctx.timeZone).endsAt;
  }

  /** Rewrites, from PostgreSQL, the current boards of users whose Redis write failed. */
  async #repairPending(boards: RedisBoards): Promise<void> {
    const users = [...boards.pending];
    const keys = periodKeys(new Date(), this.#ctx.timeZone);
    const ops: BoardOps = { upserts: [], removals: [] };
    for (const userId of users) {
      for (const row of await this.#currentRows(userId, keys)) {
        if (row.hidden) ops.removals.push({ board: refOf(row, keys), userId });
        else ops.upserts.push({ board: refOf(row, keys), ...memberOf(userId, row) });
      }
    }
    await boards.apply(ops);
    for (const userId of users) boards.pending.delete(userId);
  }

  #currentRows(userId: string, keys: PeriodKey[]): Promise<ScoreRow[]> {
    const pairs = sql.join(keys.map((k) => sql`(${k.period}, ${k.start}::date)`), sql`, `);
    return this.#rows<ScoreRow>(sql`SELECT s.period_kind, s.period_start::text AS period_start,
        s.tier_code, s.points, s.reached_at, s.hidden, p.display_name
      FROM leaderboard_scores s JOIN profiles p ON p.user_id = s.user_id
     WHERE s.user_id = ${userId}::uuid AND (s.period_kind, s.period_start) IN (${pairs})`);
  }

  /** After commit: push the rows' new state to Redis; a failure queues the users for repair. */
  async #publish(userIds: string[], ops: BoardOps): Promise<void> {
    const boards = this.#ctx.boards;
    if (!boards || (ops.upserts.length === 0 && ops.removals.length === 0)) return;
    await this.#ctx.afterCommit(async () => {
      try {
        await boards.apply(ops);
      } catch {
        for (const userId of userIds) boards.pending.add(userId);
      }
    });
  }

  async recordEarning(entry: { userId: string; amount: number; at: Date }): Promise<void> {
    await this.recordEarnings([entry]);
  }

  async recordEarnings(entries: { userId: string; amount: number; at: Date }[]): Promise<void> {
    // One row per (period, start, user): the sum of its earnings, reached at the latest.
    const rollups = new Map<
      string,
      { kind: string; start: string; user_id: string; points: number; at: number }
    >();
    const keysOf = new Map<string, PeriodKey[]>();
    for (const entry of entries) {
      if (!(entry.amount > 0)) continue;
      const keys = periodKeys(entry.at, this.#ctx.timeZone);
      keysOf.set(entry.userId, [...(keysOf.get(entry.userId) ?? []), ...keys]);
      for (const k of keys) {
        const id = `${k.period} ${k.start} ${entry.userId}`;
        const row = rollups.get(id) ??
          { kind: k.period, start: k.start, user_id: entry.userId, points: 0, at: 0 };
        row.points += entry.amount;
        row.at = Math.max(row.at, entry.at.getTime());
        rollups.set(id, row);
      }
    }
    if (rollups.size === 0) return;
    const input = JSON.stringify(
      [...rollups.values()].map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
    );
    // append() has already updated the users' rows, and profile edits update them too, so an
    // earning and a tier move never interleave: the tier read here is the committed one.
    const rows = await this.#rows<ScoreRow & { user_id: string }>(sql`WITH up AS (
        INSERT INTO leaderboard_scores AS s
               (period_kind, period_start, user_id, tier_code, points, reached_at, hidden)
        SELECT k.kind, k.start, u.id, p.tier_code, k.points,
               date_trunc('second', k.at),
               (u.deleted_at IS NOT NULL OR u.status IN ('suspended', 'banned'))
          FROM jsonb_to_recordset(${input}::jsonb)
               AS k(kind text, start date, user_id uuid, points int, at timestamptz)
          JOIN users u ON u.id = k.user_id JOIN profiles p ON p.user_id = u.id
         ORDER BY u.id, k.kind, k.start
        ON CONFLICT (period_kind, period_start, user_id) DO UPDATE
           SET points = s.points + excluded.points,
               reached_at = GREATEST(s.reached_at, excluded.reached_at),
               tier_code = excluded.tier_code, hidden = excluded.hidden
        RETURNING s.user_id, s.period_kind, s.period_start::text AS period_start, s.tier_code,
                  s.points, s.reached_at, s.hidden)
      SELECT up.*, p.display_name FROM up JOIN profiles p ON p.user_id = up.user_id`);
    const ops: BoardOps = { upserts: [], removals: [] };
    for (const row of rows) {
      const keys = keysOf.get(row.user_id) ?? [];
      if (row.hidden) ops.removals.push({ board: refOf(row, keys), userId: row.user_id });
      else ops.upserts.push({ board: refOf(row, keys), ...memberOf(row.user_id, row) });
    }
    await this.#publish([...keysOf.keys()], ops);
  }

  async syncUser(userId: string, current: PeriodKey[]): Promise<void> {
    const before = await this.#currentRows(userId, current);
    await this.#rows(syncHiddenQuery(userId));
    const pairs = sql.join(current.map((k) => sql`(${k.period}, ${k.start}::date)`), sql`, `);
    await this.#rows(sql`UPDATE leaderboard_scores s SET tier_code = p.tier_code FROM profiles p
      WHERE p.user_id = s.user_id AND s.user_id = ${userId}::uuid
        AND (s.period_kind, s.period_start) IN (${pairs}) AND s.tier_code <> p.tier_code
      RETURNING 1`);
    const after = await this.#currentRows(userId, current);
    const ops: BoardOps = { upserts: [], removals: [] };
    for (const row of after) {
      const old = before.find((b) => b.period_kind === row.period_kind);
      const moved = !old || old.tier_code !== row.tier_code || old.hidden !== row.hidden ||
        old.display_name !== row.display_name;
      if (!moved) continue;
      if (old && old.tier_code !== row.tier_code) {
        ops.removals.push({ board: refOf(old, current), userId });
      }
      if (row.hidden) ops.removals.push({ board: refOf(row, current), userId });
      else ops.upserts.push({ board: refOf(row, current), ...memberOf(userId, row) });
    }
    await this.#publish([userId], ops);
  }

  async standings(userId: string, current: PeriodKey[]): Promise<Standing[]> {
    const out: Standing[] = [];
    for (const key of current) {
      const rows = await this.#rows<{ tier_code: string }>(
        sql`SELECT tier_code FROM leaderboard_scores WHERE period_kind = ${key.period}
          AND period_start = ${key.start}::date AND user_id = ${userId}::uuid AND NOT hidden`,
      );
      const tierCode = rows[0]?.tier_code;
      if (!tierCode) {
        out.push({ period: key.period, rank: null, points: 0 });
        continue;
      }
      const board = await this.read({
        period: key.period,
        start: key.start,
        tierCode,
        limit: 1,
        offset: 0,
        after: null,
        viewerId: userId,
        around: 0,
      }) as BoardRead; // a named tier always answers
      out.push({ period: key.period, rank: board.me?.rank ?? null, points: board.me?.points ?? 0 });
    }
    return out;
  }

  async staleAgeBrackets(today: string): Promise<{ user_id: string; date_of_birth: string }[]> {
    return await this.#rows(staleBracketsQuery(today));
  }

  async rebuild(options: { fromLedger: boolean; current: PeriodKey[] }): Promise<RebuildReport> {
    return await rebuildBoards(this.#db, this.#ctx, options);
  }

  async reconcile(current: PeriodKey[]): Promise<ReconcileReport> {
    return await reconcileBoards(this.#db, this.#ctx, current);
  }
}

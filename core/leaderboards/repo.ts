/**
 * The leaderboard port. Reads come from period rollups (Redis sorted sets when
 * configured, PostgreSQL otherwise) and never scan the point ledger.
 *
 * @module
 */
import type { Period } from "../time/periods.ts";
import type { BoardPosition } from "./cursor.ts";
import type { PeriodKey } from "./board_keys.ts";
import type { Ranking } from "./schemas.ts";

/** One board: a period (by its start date) and a tier. */
export interface BoardKey {
  period: Period;
  /** Platform-zone start date, YYYY-MM-DD. */
  start: string;
  tierCode: string;
}

export interface BoardReadQuery extends Omit<BoardKey, "tierCode"> {
  /** The tier's board; null for the viewer's own current tier. */
  tierCode: string | null;
  limit: number;
  /** Rows to skip; ignored when `after` is given. */
  offset: number;
  /** Start right after this row (cursor paging). */
  after: BoardPosition | null;
  /** Whose rank, points and neighbourhood to report. */
  viewerId: string | null;
  /** Ranks either side of the viewer. */
  around: number;
}

export interface BoardRead {
  /** The board's tier (the viewer's own when the query named none). */
  tierCode: string;
  total: number;
  /** Rank of the first row of `rankings` minus one (the rows skipped). */
  skipped: number;
  rankings: Ranking[];
  /** Where the last row of `rankings` stands (the next page's cursor); null without rows. */
  last: BoardPosition | null;
  me: { rank: number; points: number } | null;
  around_me: Ranking[];
  source: "redis" | "postgres";
}

/** One user's standing on the current boards of their tier. */
export interface Standing {
  period: Period;
  rank: number | null;
  points: number;
}

export interface RebuildReport {
  /** Rollup rows written from the ledger (0 when only Redis was rebuilt). */
  rollup_rows: number;
  /** Sorted-set members written (0 without Redis). */
  redis_members: number;
  boards: number;
}

export interface ReconcileReport {
  boards_checked: number;
  /** Boards whose Redis copy differed from PostgreSQL and were rewritten. */
  boards_repaired: number;
  /** Rollup rows that differed from the ledger and were corrected. */
  rollup_rows_fixed: number;
  redis: "checked" | "unavailable" | "not_configured";
}

export interface LeaderboardRepo {
  /**
   * Top rows (or a cursor page), total, and the viewer's rank with ±`around`;
   * null when the query names no tier and the viewer has none.
   */
  read(query: BoardReadQuery): Promise<BoardRead | null>;
  /**
   * Adds an earning to the user's rollups for every period containing `at`, in
   * the caller's transaction; the Redis copy follows after commit.
   */
  recordEarning(entry: { userId: string; amount: number; at: Date }): Promise<void>;
  /** {@link recordEarning} for many earnings in one statement, aggregated per board row. */
  recordEarnings(entries: { userId: string; amount: number; at: Date }[]): Promise<void>;
  /**
   * Re-reads the user's tier and status: the current periods' totals move to
   * the tier now on the profile; a soft-deleted, suspended or banned user is
   * hidden from every board (and shown again once active).
   */
  syncUser(userId: string, current: PeriodKey[]): Promise<void>;
  /** The user's rank and points on the given periods' boards of their current tier. */
  standings(userId: string, current: PeriodKey[]): Promise<Standing[]>;
  /** Recomputes every rollup from the ledger (when `fromLedger`) and reloads Redis from the rollups. */
  rebuild(options: { fromLedger: boolean; current: PeriodKey[] }): Promise<RebuildReport>;
  /** Users whose stored age bracket is no longer their age's bracket on `today` (YYYY-MM-DD). */
  staleAgeBrackets(today: string): Promise<{ user_id: string; date_of_birth: string }[]>;
  /** Compares rollups with the ledger and Redis with the rollups for `current`; repairs drift. */
  reconcile(current: PeriodKey[]): Promise<ReconcileReport>;
}

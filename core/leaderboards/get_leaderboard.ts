import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Period } from "../time/periods.ts";
import { TIER_CODES } from "../tiers/tier_code.ts";
import { periodKey } from "./board_keys.ts";
import { type BoardPosition, decodeCursor, encodeCursor } from "./cursor.ts";
import { AROUND_ME, type Leaderboard, MAX_BOARD_LIMIT, MAX_BOARD_OFFSET } from "./schemas.ts";

export interface LeaderboardRequest {
  period: Period;
  /** Tier to show; the viewer's own tier when absent. */
  tierCode?: string;
  /** Rows per page (1..100). */
  limit: number;
  /** 1-based page; ignored when `offset` or `cursor` is given. */
  page?: number;
  offset?: number;
  cursor?: string;
  /** The caller, whose own rank is reported in `me` and `around_me`. */
  viewerId?: string;
}

function tierError(message: string): DomainError {
  return new DomainError("bad_request", `tier ${message}.`, {
    errors: [{ field: "tier", message }],
  });
}

/**
 * One page of a period's board for a tier, with the viewer's rank, points and
 * the ±10 ranks around them. Ranking: points in the period descending, ties to
 * whoever reached the total first.
 *
 * @example await getLeaderboard(deps, { period: "weekly", limit: 100, viewerId })
 */
export async function getLeaderboard(
  deps: CoreDeps,
  request: LeaderboardRequest,
): Promise<Leaderboard> {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_BOARD_LIMIT) {
    throw new DomainError("bad_request", `limit must be 1 to ${MAX_BOARD_LIMIT}.`, {
      errors: [{ field: "limit", message: `must be between 1 and ${MAX_BOARD_LIMIT}` }],
    });
  }
  for (
    const [field, value, min] of [["page", request.page, 1], ["offset", request.offset, 0]] as const
  ) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new DomainError("bad_request", `${field} must be a whole number of at least ${min}.`, {
        errors: [{ field, message: `must be a whole number of at least ${min}` }],
      });
    }
  }
  const after: BoardPosition | null = request.cursor ? decodeCursor(request.cursor) : null;
  if (request.tierCode !== undefined && !TIER_CODES.includes(request.tierCode)) {
    throw tierError("is not a tier code (e.g. M-30-39-INT or OPEN)");
  }
  const now = deps.clock.now();
  const key = periodKey(request.period, now, deps.timeZone);
  const offset = request.offset ?? ((request.page ?? 1) - 1) * request.limit;
  if (offset > MAX_BOARD_OFFSET) {
    // Deep offsets cost a scan of every row skipped; the cursor does not.
    const field = request.offset === undefined ? "page" : "offset";
    throw new DomainError("bad_request", `${field} reaches past row ${MAX_BOARD_OFFSET}.`, {
      errors: [{ field, message: `skips at most ${MAX_BOARD_OFFSET} rows; page on with cursor` }],
    });
  }
  const board = await deps.store.leaderboards.read({
    period: request.period,
    start: key.start,
    // No tier named: the viewer's own, looked up by the store in the same round trip as the board.
    tierCode: request.tierCode ?? null,
    limit: request.limit,
    offset,
    after,
    viewerId: request.viewerId ?? null,
    around: AROUND_ME,
  });
  if (!board) throw tierError("is required when the caller has no tier");
  const lastRank = board.rankings.at(-1)?.rank ?? 0;
  const more = board.last !== null && lastRank < board.total;
  return {
    period: request.period,
    tier_code: board.tierCode,
    period_start: key.startsAt?.toISOString() ?? null,
    period_end: key.endsAt?.toISOString() ?? null,
    rankings: board.rankings,
    total_users: board.total,
    me: board.me,
    around_me: board.around_me,
    pagination: {
      page: Math.floor(board.skipped / request.limit) + 1,
      per_page: request.limit,
      total: board.total,
      total_pages: Math.ceil(board.total / request.limit),
    },
    next_cursor: more ? encodeCursor(board.last!) : null,
    source: board.source,
    generated_at: now.toISOString(),
  };
}

import type { TypedResponse } from "hono";
import { getLeaderboard } from "../../../core/leaderboards/get_leaderboard.ts";
import type { Leaderboard } from "../../../core/leaderboards/schemas.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const getBoard: AppRouteHandler<typeof routes.getBoard> = async (c) => {
  const { period } = c.req.valid("param");
  const q = c.req.valid("query");
  const board = await getLeaderboard(c.get("services").core, {
    period,
    tierCode: q.tier,
    limit: q.limit ?? q.per_page ?? 100,
    page: q.page,
    offset: q.offset,
    cursor: q.cursor,
    viewerId: actorOf(c).id,
  });
  // Redis answering is the cache hit; PostgreSQL answering (Redis down, board loading) the miss.
  c.get("services").metrics.cacheOps.inc({
    cache: "leaderboard",
    result: board.source === "redis" ? "hit" : "miss",
  });
  // The same JSON c.json() would write (see boardJson), typed as the route's JSON answer.
  const response = c.body(boardJson(board), 200, { "content-type": "application/json" });
  return response as unknown as TypedResponse<Leaderboard, 200, "json">;
};

/** The JSON before `generated_at`, by rankings array: see {@link boardJson}. */
const serialized = new WeakMap<object, string>();

/**
 * `JSON.stringify(board)`, with everything before `generated_at` (its last
 * field) kept per answer. An answer Redis confirms unchanged is re-served as
 * the same rankings array, and everything else in it (period, tier, me,
 * around_me, pagination, cursor) follows from that answer and the request the
 * store held it for, so only the time is written anew.
 */
function boardJson(board: Leaderboard): string {
  let head = serialized.get(board.rankings);
  if (head === undefined) {
    const { generated_at: _, ...rest } = board;
    head = JSON.stringify(rest).slice(0, -1);
    serialized.set(board.rankings, head);
  }
  return `${head},"generated_at":${JSON.stringify(board.generated_at)}}`;
}

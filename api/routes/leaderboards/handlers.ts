import { getLeaderboard } from "../../../core/leaderboards/get_leaderboard.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const getBoard: AppRouteHandler<typeof routes.getBoard> = async (c) => {
  const { period } = c.req.valid("param");
  const q = c.req.valid("query");
  const board = await getLeaderboard(c.var.services.core, {
    period,
    tierCode: q.tier,
    limit: q.limit ?? q.per_page ?? 100,
    page: q.page,
    offset: q.offset,
    cursor: q.cursor,
    viewerId: actorOf(c).id,
  });
  // Redis answering is the cache hit; PostgreSQL answering (Redis down, board loading) the miss.
  c.var.services.metrics.cacheOps.inc({
    cache: "leaderboard",
    result: board.source === "redis" ? "hit" : "miss",
  });
  return c.json(board, 200);
};

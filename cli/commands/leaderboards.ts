/**
 * `fittrack leaderboards show PERIOD --tier CODE` (the same core read as GET
 * /api/v1/leaderboards/{period}) and `fittrack leaderboards rebuild` (rollups
 * from the ledger, then Redis from the rollups).
 *
 * @module
 */
import { getLeaderboard } from "../../core/leaderboards/get_leaderboard.ts";
import { rebuildLeaderboards } from "../../core/leaderboards/rebuild_leaderboards.ts";
import type { Period } from "../../core/time/periods.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { keyValues, table } from "../output.ts";

/** Prints one page of a tier's board for the current period. */
export async function leaderboardsShow(
  ctx: CliContext,
  period: Period,
  options: { tier: string; limit?: string; page?: string },
): Promise<ExitCode> {
  const board = await getLeaderboard(ctx.services.core, {
    period,
    tierCode: options.tier,
    limit: Number(options.limit ?? 20),
    page: Number(options.page ?? 1),
  });
  ctx.out.result(board, () => {
    const span = board.period_start ? `${board.period_start} to ${board.period_end}` : "all time";
    const rows = board.rankings.map((r) => [r.rank, r.display_name, r.points, r.user_id]);
    return [
      `${board.period} board of ${board.tier_code}, ${span}: ${board.total_users} users ` +
      `(from ${board.source})`,
      table(["rank", "display name", "points", "user id"], rows),
    ].join("\n");
  });
  return EXIT.ok;
}

/** Recomputes the rollups from the ledger (unless --redis-only) and reloads Redis. */
export async function leaderboardsRebuild(
  ctx: CliContext,
  options: { redisOnly?: boolean },
): Promise<ExitCode> {
  const started = performance.now();
  const report = await rebuildLeaderboards(ctx.services.core, { fromLedger: !options.redisOnly });
  const result = { ...report, seconds: Math.round(performance.now() - started) / 1000 };
  ctx.out.result(result, () => keyValues(result, ["rebuild", "value"]));
  return EXIT.ok;
}

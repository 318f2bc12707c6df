import { reconcileLeaderboards } from "../core/leaderboards/rebuild_leaderboards.ts";
import type { Services } from "../services.ts";

/**
 * Nightly: rollups of the current periods against the ledger, each current
 * Redis board against its rollups; whatever drifted is rewritten.
 */
export async function reconcileLeaderboardsTick(services: Services, now: Date): Promise<string> {
  const r = await reconcileLeaderboards(services.core, now);
  return `checked ${r.boards_checked} boards: ${r.rollup_rows_fixed} rollup rows fixed, ` +
    `${r.boards_repaired} Redis boards repaired (redis ${r.redis})`;
}

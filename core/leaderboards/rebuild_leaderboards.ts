import type { CoreDeps } from "../ports.ts";
import { periodKeys } from "./board_keys.ts";
import type { RebuildReport, ReconcileReport } from "./repo.ts";

/**
 * Rebuilds the boards: every rollup row from the point ledger (unless
 * `fromLedger` is false), then the current periods' Redis sorted sets from the
 * rollups. Safe while points are being earned: Redis keeps the larger score.
 *
 * @example await rebuildLeaderboards(deps, { fromLedger: true })
 */
export async function rebuildLeaderboards(
  deps: CoreDeps,
  options: { fromLedger: boolean },
): Promise<RebuildReport> {
  return await deps.store.leaderboards.rebuild({
    fromLedger: options.fromLedger,
    current: periodKeys(deps.clock.now(), deps.timeZone),
  });
}

/**
 * The nightly check: rollups against the ledger, Redis against the rollups for
 * the periods containing `now`; whatever drifted is rewritten.
 *
 * @example await reconcileLeaderboards(deps, new Date())
 */
export async function reconcileLeaderboards(
  deps: CoreDeps,
  now: Date,
): Promise<ReconcileReport> {
  return await deps.store.leaderboards.reconcile(periodKeys(now, deps.timeZone));
}

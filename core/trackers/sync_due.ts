import type { TrackerDeps } from "./_deps.ts";
import { SYNC_INTERVAL_MINUTES, syncConnection, type SyncOutcome } from "./sync_connection.ts";

export interface SyncRunSummary {
  due: number;
  synced: number;
  failed: number;
  errors: number;
  needs_reconnect: number;
  records: number;
  points: number;
  outcomes: SyncOutcome[];
}

/**
 * Syncs the connections that are due at `now`: last synced 15+ minutes ago
 * (or never, or queued by a manual sync) and past any retry backoff. With
 * `userId`, an operator's run: that user's connections, due or not.
 *
 * @example
 * ```ts
 * const summary = await syncDueConnections(deps, { now: new Date() });
 * ```
 */
export async function syncDueConnections(
  deps: TrackerDeps,
  options: { now: Date; userId?: string; limit?: number; concurrency?: number },
): Promise<SyncRunSummary> {
  const { now } = options;
  const targets = await deps.store.trackers.dueForSync({
    now,
    staleBefore: options.userId ? now : new Date(now.getTime() - SYNC_INTERVAL_MINUTES * 60_000),
    limit: options.limit ?? 500,
    userId: options.userId,
    ignoreBackoff: options.userId !== undefined,
  });
  const outcomes: SyncOutcome[] = [];
  const queue = [...targets];
  const worker = async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
      outcomes.push(await syncConnection(deps, t, now));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const count = (r: SyncOutcome["result"]) => outcomes.filter((o) => o.result === r).length;
  return {
    due: targets.length,
    synced: count("success"),
    failed: count("failed"),
    errors: count("error"),
    needs_reconnect: count("needs_reconnect"),
    records: outcomes.reduce((s, o) => s + o.records, 0),
    points: outcomes.reduce((s, o) => s + o.points, 0),
    outcomes,
  };
}

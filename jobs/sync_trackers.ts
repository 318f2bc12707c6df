/**
 * The polling safety net (ADR-0009): connections last synced 15+ minutes ago,
 * or with a sync queued, are read from Terra (`to_webhook=false`) and ingested.
 * Failures retry after 1 and 2 minutes, then show `error` until the next
 * cycle; a connection Terra no longer knows is marked and its owner mailed.
 * Schedule it every minute: the 15-minute rule lives in the tick, so a manual
 * sync is served within a minute.
 *
 * @module
 */
import { syncDueConnections } from "../core/trackers/sync_due.ts";
import type { Services } from "../services.ts";

/** One tick; returns a one-line summary. Each failure is logged with the connection id. */
export async function syncTrackersTick(services: Services, now: Date): Promise<string> {
  const started = performance.now();
  const s = await syncDueConnections(
    { ...services.core, trackers: services.terra.gateway },
    { now },
  );
  for (const o of s.outcomes.filter((o) => o.error)) {
    services.logger.warn("tracker sync failed", {
      connection_id: o.connection_id,
      result: o.result,
      error: o.error,
    });
  }
  const ms = Math.round(performance.now() - started);
  return `sync at ${now.toISOString()}: ${s.due} due, ${s.synced} synced, ${s.failed} retrying, ` +
    `${s.errors} in error, ${s.needs_reconnect} need reconnecting, ${s.records} records, ` +
    `${s.points} points in ${ms} ms`;
}

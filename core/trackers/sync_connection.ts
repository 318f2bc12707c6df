/**
 * Syncing one connection: the windows to fetch, the retry schedule, and what
 * a failure does. The sync job and `fittrack sync run` both call it.
 *
 * @module
 */
import { ingestRecords } from "../ingest/ingest_records.ts";
import type { Connection, NormalizedRecord } from "../ingest/schemas.ts";
import { reconnectMail } from "../ingest/tracker_mail.ts";
import type { TrackerDeps } from "./_deps.ts";
import { TrackerGatewayError } from "./gateway.ts";
import type { SyncTarget } from "./repo.ts";

/** A connection is due when its last sync is this old. */
export const SYNC_INTERVAL_MINUTES = 15;
/** Attempts per cycle; after the last one the connection shows `error` until the next cycle. */
export const MAX_SYNC_ATTEMPTS = 3;
/** A first sync reads this far back. */
export const FIRST_SYNC_DAYS = 7;
/** Never read further back than this (Terra serves older ranges asynchronously). */
export const MAX_LOOKBACK_DAYS = 30;
/** Each request spans at most this much (bounded windows). */
export const WINDOW_DAYS = 7;
/** Re-read this much before the last sync: late uploads and the day's growing totals. */
export const OVERLAP_HOURS = 24;
/** Records ingested per transaction. */
const BATCH = 100;

const DAY = 86_400_000;

/**
 * The [from, to) windows a sync reads, oldest first.
 *
 * @example
 * ```ts
 * syncWindows(null, new Date("2026-01-10T00:00:00Z")); // 7 days back, one window
 * ```
 */
export function syncWindows(lastSyncAt: Date | null, now: Date): { from: Date; to: Date }[] {
  const earliest = now.getTime() - MAX_LOOKBACK_DAYS * DAY;
  const wanted = lastSyncAt
    ? lastSyncAt.getTime() - OVERLAP_HOURS * 3_600_000
    : now.getTime() - FIRST_SYNC_DAYS * DAY;
  const windows: { from: Date; to: Date }[] = [];
  for (let from = Math.max(earliest, wanted); from < now.getTime(); from += WINDOW_DAYS * DAY) {
    windows.push({
      from: new Date(from),
      to: new Date(Math.min(now.getTime(), from + WINDOW_DAYS * DAY)),
    });
  }
  return windows;
}

/**
 * When the next attempt runs after `attempts` consecutive failures, and the
 * status to show: 1 and 2 minutes later ("failed", retrying), then the next
 * cycle ("error").
 *
 * @example
 * ```ts
 * retryPlan(1, now); // { status: "failed", nextAt: now + 1 min, attempts: 1 }
 * retryPlan(3, now); // { status: "error", nextAt: now + 15 min, attempts: 0 }
 * ```
 */
export function retryPlan(
  attempts: number,
  now: Date,
): { status: "failed" | "error"; nextAt: Date; attempts: number } {
  if (attempts >= MAX_SYNC_ATTEMPTS) {
    return {
      status: "error",
      nextAt: new Date(now.getTime() + SYNC_INTERVAL_MINUTES * 60_000),
      attempts: 0,
    };
  }
  return {
    status: "failed",
    nextAt: new Date(now.getTime() + 2 ** (attempts - 1) * 60_000),
    attempts,
  };
}

export interface SyncOutcome {
  connection_id: string;
  user_id: string;
  result: "success" | "failed" | "error" | "needs_reconnect" | "skipped";
  records: number;
  created: number;
  points: number;
  error?: string;
}

function connectionOf(target: SyncTarget, terraUserId: string): Connection {
  return {
    id: target.id,
    userId: target.userId,
    provider: target.provider,
    terraUserId,
    isPrimary: target.isPrimary,
    status: target.status,
  };
}

async function needsReconnect(deps: TrackerDeps, target: SyncTarget, reason: string) {
  await deps.store.transaction(async (tx) => {
    await tx.trackers.markNeedsReconnect(target.id, reason);
    const user = await tx.users.findById(target.userId);
    if (user && target.status !== "error") {
      await tx.outbox.enqueue(reconnectMail({
        to: user.email,
        displayName: user.profile?.display_name ?? user.email,
        provider: target.provider,
        reason,
      }));
    }
  });
}

/**
 * Fetches a connection's new data window by window and ingests it (points in
 * the same transaction as the activities). Failures are recorded on the
 * connection, never thrown: one broken connection must not stop the others.
 */
export async function syncConnection(
  deps: TrackerDeps,
  target: SyncTarget,
  now: Date,
): Promise<SyncOutcome> {
  const outcome: SyncOutcome = {
    connection_id: target.id,
    user_id: target.userId,
    result: "success",
    records: 0,
    created: 0,
    points: 0,
  };
  if (!target.terraUserId) return { ...outcome, result: "skipped" };
  const repo = deps.store.trackers;
  await repo.markSyncing(target.id);
  try {
    for (const window of syncWindows(target.lastSyncAt, now)) {
      const records: NormalizedRecord[] = await deps.trackers.fetchRecords({
        terraUserId: target.terraUserId,
        ...window,
      });
      for (let i = 0; i < records.length; i += BATCH) {
        const results = await ingestRecords(deps, {
          connection: connectionOf(target, target.terraUserId),
          records: records.slice(i, i + BATCH),
          // A poll is the provider's view as of now: newer than any earlier copy.
          orderingTs: now.getTime(),
        }, { now });
        outcome.records += results.length;
        outcome.created += results.filter((r) => r.result === "created").length;
        outcome.points += results.reduce((sum, r) => sum + r.granted, 0);
      }
    }
    await repo.syncSucceeded(target.id, now);
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TrackerGatewayError && error.kind === "auth") {
      await needsReconnect(deps, target, message);
      return { ...outcome, result: "needs_reconnect", error: message };
    }
    const plan = retryPlan(target.syncAttempts + 1, now);
    await repo.syncFailed(target.id, { ...plan, error: message });
    return { ...outcome, result: plan.status, error: message };
  }
}

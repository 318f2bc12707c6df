/**
 * Ingests normalized records and pays their points in the same transaction as
 * the activity writes, set-based: whatever the number of events, a batch
 * takes a fixed number of statements. Every user-day it touches is locked
 * first, in (user, day) order, so concurrent batches for one user serialize on
 * it and can never pay past the daily cap (and never deadlock); then the user
 * rows, in id order. The settlement itself is pure ({@link settleBatch}).
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import { DAILY_CAP } from "../points/rules/daily_cap.ts";
import { dayRange, planWrites } from "./records.ts";
import type { DayActivity, DayKey } from "./repo.ts";
import { type BatchState, dayKey, type PlannedItem, settleBatch } from "./settle_batch.ts";
import type { Connection, NormalizedRecord, RecordOutcome } from "./schemas.ts";

export interface IngestOptions {
  /** IANA zone of the platform day. */
  timeZone: string;
  /** When the batch is processed (stamps corrections). */
  now: Date;
  /** Lock the user-day rows (default true). Only the cap-race canary test turns this off. */
  lockDays?: boolean;
  cap?: number;
}

export interface IngestBatch {
  connection: Connection;
  records: NormalizedRecord[];
  /** Provider ordering timestamp (epoch ms) of this copy; null when absent. */
  orderingTs: number | null;
}

function distinctDays(items: readonly PlannedItem[]): DayKey[] {
  const keys = new Map<string, DayKey>();
  for (const { connection, planned } of items) {
    for (const { day } of planned) {
      keys.set(dayKey(connection.userId, day), { userId: connection.userId, day });
    }
  }
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** Reads, under lock, everything the settlement of `items` needs. */
async function readState(
  tx: Repositories,
  items: readonly PlannedItem[],
  days: DayKey[],
  options: IngestOptions,
): Promise<BatchState> {
  const lock = options.lockDays !== false;
  const locked = await tx.ingest.lockDays(days, { lock });
  const users = [...new Set(days.map((d) => d.userId))].sort();
  const tiers = await tx.ingest.userTiers(users, { lock });
  const stored = await tx.ingest.findActivitiesByKeys(
    items.flatMap(({ connection, planned }) =>
      planned.map((p) => ({ userId: connection.userId, externalId: p.write.external_id }))
    ),
  );
  const activities = new Map<string, DayActivity[]>(days.map((d) => [dayKey(d.userId, d.day), []]));
  const ranges = days.map((d) => ({ ...d, ...dayRange(d.day, options.timeZone) }));
  for (const { day, activity } of await tx.ingest.activitiesOfDays(ranges)) {
    activities.get(dayKey(day.userId, day.day))?.push(activity);
  }
  return {
    days: new Map(locked.days.map((d) => [dayKey(d.userId, d.day), d.state])),
    tiers,
    stored,
    activities,
    arrivalMicros: locked.lockedAtMicros,
  };
}

/**
 * Ingests several events' records in the caller's transaction `tx`, in order,
 * with the outcome one event at a time would have had; one list per batch.
 */
export async function ingestBatchesInTx(
  tx: Repositories,
  batches: readonly IngestBatch[],
  options: IngestOptions,
): Promise<RecordOutcome[][]> {
  const items: PlannedItem[] = batches.map((b) => ({
    connection: b.connection,
    orderingTs: b.orderingTs,
    planned: b.records.flatMap((r) => planWrites(r, b.connection, options.timeZone)),
  }));
  const days = distinctDays(items);
  if (days.length === 0) return items.map(() => []);
  const state = await readState(tx, items, days, options);
  const settled = settleBatch(items, state, {
    now: options.now,
    cap: options.cap ?? DAILY_CAP,
    newId: () => crypto.randomUUID(),
  });
  await tx.ingest.insertActivities(settled.inserts);
  await tx.ingest.updateActivities(settled.updates);
  const posted = await tx.points.appendEarnings(settled.ledger);
  if (posted.length !== settled.ledger.length) {
    const users = new Set(posted.map((p) => p.user_id));
    const missing = settled.ledger.find((e) => !users.has(e.user_id))?.user_id;
    throw new Error(`Crediting points failed: user ${missing} was not found`);
  }
  await tx.audit.recordMany(settled.audit);
  await tx.ingest.saveDays(settled.days);
  return settled.outcomes;
}

/** One event's records, in the caller's transaction `tx`. */
export async function ingestRecordsInTx(
  tx: Repositories,
  batch: IngestBatch,
  options: IngestOptions,
): Promise<RecordOutcome[]> {
  const [outcomes] = await ingestBatchesInTx(tx, [batch], options);
  return outcomes;
}

/**
 * Ingests a batch in its own transaction (sync job, tests).
 *
 * @example
 * ```ts
 * await ingestRecords(deps, { connection, records: [daily], orderingTs: Date.now() });
 * ```
 */
export async function ingestRecords(
  deps: CoreDeps,
  batch: IngestBatch,
  options: Partial<IngestOptions> = {},
): Promise<RecordOutcome[]> {
  const outcomes = await deps.store.transaction((tx) =>
    ingestRecordsInTx(tx, batch, { timeZone: deps.timeZone, now: deps.clock.now(), ...options })
  );
  const points = outcomes.reduce((sum, o) => sum + o.granted, 0);
  if (points > 0) deps.telemetry?.pointsEarned(points);
  return outcomes;
}

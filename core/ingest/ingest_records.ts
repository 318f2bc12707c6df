/**
 * Ingests one connection's normalized records and pays their points in the
 * same transaction as the activity writes. Every user-day a batch touches is
 * locked first, in date order, so concurrent batches for one user serialize
 * on it and can never pay past the daily cap (and never deadlock).
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import { type DayState, settleDay } from "../points/rules/day_ledger.ts";
import { DAILY_CAP } from "../points/rules/daily_cap.ts";
import { dayRange, mergeWrite, planWrites, toDayRecord } from "./records.ts";
import type { Activity } from "../activities/schemas.ts";
import type { DayActivity } from "./repo.ts";
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

function describe(
  type: string,
  day: string,
  s: { activityPoints: number; bonus: number; granted: number; requested: number; capped: boolean },
): string {
  const parts = [`${s.activityPoints} activity points`];
  if (s.bonus > 0) parts.push(`${s.bonus} workout bonus`);
  const text = `Earned for ${type} on ${day}: ${parts.join(" + ")}`;
  return s.capped
    ? `${text}; capped at daily limit (Daily cap reached): ${s.granted} of ${s.requested} paid`
    : text;
}

/** Runs inside the caller's transaction `tx`. */
export async function ingestRecordsInTx(
  tx: Repositories,
  batch: IngestBatch,
  options: IngestOptions,
): Promise<RecordOutcome[]> {
  const { connection } = batch;
  const userId = connection.userId;
  const planned = batch.records.flatMap((r) => planWrites(r, connection, options.timeZone));
  const states = new Map<string, DayState>();
  const changed = new Set<string>();
  for (const day of [...new Set(planned.map((p) => p.day))].sort()) {
    states.set(day, await tx.ingest.lockDay(userId, day, { lock: options.lockDays !== false }));
  }
  const tierCode = (await tx.users.findById(userId))?.profile?.tier_code ?? null;
  // Each day's activities are read once, after its lock, and kept current here:
  // while the lock is held, only this transaction changes them.
  const days = new Map<string, DayActivity[]>();
  const dayOf = async (day: string): Promise<DayActivity[]> => {
    let list = days.get(day);
    if (!list) {
      const { from, until } = dayRange(day, options.timeZone);
      list = await tx.ingest.dayActivities(userId, from, until);
      days.set(day, list);
    }
    return list;
  };
  const outcomes: RecordOutcome[] = [];
  // The stored copies of every record of the batch, in one query; kept current below.
  const known = new Map<string, Activity>();
  for (const a of await tx.ingest.findActivities(userId, planned.map((p) => p.write.external_id))) {
    if (a.external_id) known.set(a.external_id, a);
  }
  for (const { day, write } of planned) {
    const existing = known.get(write.external_id) ?? null;
    const merged = mergeWrite(existing, write, batch.orderingTs);
    const base = { external_id: write.external_id, granted: 0, capped: false, correction: false };
    if (merged.write === null) {
      outcomes.push({ ...base, activity_id: existing?.id ?? null, result: merged.result });
      continue;
    }
    const dayActivities = await dayOf(day);
    const stored = existing
      ? await tx.ingest.updateActivity(existing.id, merged.write)
      : await tx.ingest.insertActivity(merged.write);
    const activityId = stored.id;
    // The written row now belongs to this day (whatever day it started on before).
    for (const list of days.values()) {
      const at = list.findIndex((a) => a.id === activityId);
      if (at >= 0) list.splice(at, 1);
    }
    const self: DayActivity = { ...stored, connection_primary: connection.isPrimary };
    dayActivities.push(self);
    known.set(write.external_id, self);
    const settlement = settleDay({
      records: dayActivities.map(toDayRecord),
      state: states.get(day)!,
      triggerId: activityId,
      tierCode,
      cap: options.cap ?? DAILY_CAP,
    });
    states.set(day, settlement.state);
    changed.add(day);

    const previous = (self.metrics.points ?? {}) as Record<string, unknown>;
    const corrections = Array.isArray(previous.corrections) ? previous.corrections : [];
    const points = {
      ...previous,
      bonus_paid: previous.bonus_paid === true || settlement.bonus > 0,
      tier_code: tierCode,
      last: {
        activity_points: settlement.activityPoints,
        bonus: settlement.bonus,
        requested: settlement.requested,
        granted: settlement.granted,
        capped: settlement.capped,
      },
      duplicate_of: settlement.duplicateOf,
      // A total that shrank or a deleted workout keeps its points; the record says so.
      corrections: settlement.correction
        ? [...corrections, { at: options.now.toISOString(), reported: self.metrics.normalized }]
        : corrections,
    };
    if (settlement.granted > 0) {
      const posted = await tx.points.append({
        user_id: userId,
        transaction_type: "earn",
        amount: settlement.granted,
        reference_type: "activity",
        reference_id: activityId,
        description: describe(write.activity_type, day, settlement),
      });
      if (!posted) throw new Error(`Crediting points failed: user ${userId} was not found`);
    }
    self.metrics = { ...self.metrics, points };
    self.points_earned += settlement.granted;
    await tx.ingest.addActivityPoints(activityId, settlement.granted, self.metrics);
    if (settlement.duplicateOf || settlement.correction) {
      await tx.audit.record({
        actor_id: null,
        action: settlement.duplicateOf ? "activity.duplicate" : "activity.correction",
        entity_type: "activity",
        entity_id: activityId,
        details: { duplicate_of: settlement.duplicateOf, day, reported: self.metrics.normalized },
      });
    }
    outcomes.push({
      ...base,
      activity_id: activityId,
      result: settlement.duplicateOf ? "duplicate" : merged.result,
      granted: settlement.granted,
      capped: settlement.capped,
      correction: settlement.correction,
      ...(settlement.duplicateOf ? { duplicate_of: settlement.duplicateOf } : {}),
    });
  }
  for (const day of [...changed].sort()) await tx.ingest.saveDay(userId, day, states.get(day)!);
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
  return await deps.store.transaction((tx) =>
    ingestRecordsInTx(tx, batch, { timeZone: deps.timeZone, now: deps.clock.now(), ...options })
  );
}

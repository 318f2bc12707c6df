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
  for (const day of [...new Set(planned.map((p) => p.day))].sort()) {
    states.set(day, await tx.ingest.lockDay(userId, day, { lock: options.lockDays !== false }));
  }
  const tierCode = (await tx.users.findById(userId))?.profile?.tier_code ?? null;
  const outcomes: RecordOutcome[] = [];
  for (const { day, write } of planned) {
    const existing = await tx.ingest.findActivity(userId, write.external_id);
    const merged = mergeWrite(existing, write, batch.orderingTs);
    const base = { external_id: write.external_id, granted: 0, capped: false, correction: false };
    if (merged.write === null) {
      outcomes.push({ ...base, activity_id: existing?.id ?? null, result: merged.result });
      continue;
    }
    let activityId: string;
    if (existing) {
      activityId = existing.id;
      await tx.ingest.updateActivity(activityId, merged.write);
    } else {
      activityId = (await tx.ingest.insertActivity(merged.write)).id;
    }
    const { from, until } = dayRange(day, options.timeZone);
    const dayActivities = await tx.ingest.dayActivities(userId, from, until);
    const settlement = settleDay({
      records: dayActivities.map(toDayRecord),
      state: states.get(day)!,
      triggerId: activityId,
      tierCode,
      cap: options.cap ?? DAILY_CAP,
    });
    states.set(day, settlement.state);
    await tx.ingest.saveDay(userId, day, settlement.state);

    const self = dayActivities.find((a) => a.id === activityId)!;
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
    await tx.ingest.addActivityPoints(activityId, settlement.granted, {
      ...self.metrics,
      points,
    });
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

/**
 * The pure middle of set-based ingestion. A batch reads everything it needs
 * up front (locked user-days, tiers, the stored copies of its records, every
 * activity of its user-days); this runs its records through the merge rule and
 * `settleDay` in arrival order, exactly as one record at a time would, keeping
 * that state current in memory, and returns every row to write.
 *
 * @module
 */
import type { Activity } from "../activities/schemas.ts";
import type { AuditEntry } from "../audit.ts";
import type { LedgerEntry } from "../points/repo.ts";
import { type DayState, settleDay, type Settlement } from "../points/rules/day_ledger.ts";
import { mergeWrite, type PlannedWrite, toDayRecord } from "./records.ts";
import type {
  ActivityInsert,
  ActivityUpdate,
  ActivityWrite,
  DayActivity,
  DayStateRow,
} from "./repo.ts";
import type { Connection, RecordOutcome } from "./schemas.ts";
import { asStoredJson } from "./stored_json.ts";

/** One event's records, planned into activity writes. */
export interface PlannedItem {
  connection: Connection;
  planned: PlannedWrite[];
  orderingTs: number | null;
}

export interface BatchState {
  /** Paid state by {@link dayKey}, for every user-day the items touch. */
  days: Map<string, DayState>;
  tiers: Map<string, string | null>;
  /** The stored copies of the items' records (those that exist). */
  stored: Activity[];
  /** Every activity of each user-day, by {@link dayKey}. */
  activities: Map<string, DayActivity[]>;
  /** New activities arrive from here on, one microsecond apart (epoch µs). */
  arrivalMicros: number;
}

export interface SettleOptions {
  now: Date;
  cap: number;
  newId: () => string;
}

export interface SettledBatch {
  /** Per item, what became of each record. */
  outcomes: RecordOutcome[][];
  inserts: ActivityInsert[];
  updates: ActivityUpdate[];
  /** Earn entries, in the order one-at-a-time processing would append them. */
  ledger: LedgerEntry[];
  audit: AuditEntry[];
  days: DayStateRow[];
}

/** The key of one user-day in {@link BatchState} maps. */
export function dayKey(userId: string, day: string): string {
  return `${userId}/${day}`;
}

function describe(type: string, day: string, s: Settlement): string {
  const parts = [`${s.activityPoints} activity points`];
  if (s.bonus > 0) parts.push(`${s.bonus} workout bonus`);
  const text = `Earned for ${type} on ${day}: ${parts.join(" + ")}`;
  return s.capped
    ? `${text}; capped at daily limit (Daily cap reached): ${s.granted} of ${s.requested} paid`
    : text;
}

function microsIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, "0")}Z`;
}

/** The row as the database would hold it after writing `write` over `existing` (or fresh). */
function written(write: ActivityWrite, existing: Activity | null): Activity {
  return {
    id: existing?.id ?? "",
    user_id: write.user_id,
    connection_id: write.connection_id,
    external_id: write.external_id,
    activity_type: write.activity_type,
    start_time: write.start_time.toISOString(),
    end_time: write.end_time ? write.end_time.toISOString() : null,
    duration_minutes: write.duration_minutes,
    intensity: write.intensity,
    // Made jsonb-shaped below, once the points are added.
    metrics: write.metrics,
    points_earned: existing?.points_earned ?? 0,
    processed: existing?.processed ?? true,
    created_at: existing?.created_at ?? "",
  };
}

function pointsOf(self: DayActivity, s: Settlement, tierCode: string | null, now: Date) {
  const previous = (self.metrics.points ?? {}) as Record<string, unknown>;
  const corrections = Array.isArray(previous.corrections) ? previous.corrections : [];
  return {
    ...previous,
    bonus_paid: previous.bonus_paid === true || s.bonus > 0,
    tier_code: tierCode,
    last: {
      activity_points: s.activityPoints,
      bonus: s.bonus,
      requested: s.requested,
      granted: s.granted,
      capped: s.capped,
    },
    duplicate_of: s.duplicateOf,
    // A total that shrank or a deleted workout keeps its points; the record says so.
    corrections: s.correction
      ? [...corrections, { at: now.toISOString(), reported: self.metrics.normalized }]
      : corrections,
  };
}

/**
 * Settles a batch in memory; `state` is consumed (kept current as records are written).
 *
 * @example
 * ```ts
 * const settled = settleBatch(items, state, { now, cap: DAILY_CAP, newId: () => crypto.randomUUID() });
 * ```
 */
export function settleBatch(
  items: readonly PlannedItem[],
  state: BatchState,
  options: SettleOptions,
): SettledBatch {
  const known = new Map<string, Activity>();
  for (const a of state.stored) known.set(`${a.user_id} ${a.external_id}`, a);
  const inserts = new Map<string, ActivityInsert>();
  const updates = new Map<string, ActivityUpdate>();
  const out: SettledBatch = {
    outcomes: [],
    inserts: [],
    updates: [],
    ledger: [],
    audit: [],
    days: [],
  };
  const changed = new Set<string>();
  let arrivals = 0;
  for (const { connection, planned, orderingTs } of items) {
    const userId = connection.userId;
    const tierCode = state.tiers.get(userId) ?? null;
    const outcomes: RecordOutcome[] = [];
    out.outcomes.push(outcomes);
    for (const { day, write } of planned) {
      const existing = known.get(`${userId} ${write.external_id}`) ?? null;
      const merged = mergeWrite(existing, write, orderingTs);
      const base = { external_id: write.external_id, granted: 0, capped: false, correction: false };
      if (merged.write === null) {
        outcomes.push({ ...base, activity_id: existing?.id ?? null, result: merged.result });
        continue;
      }
      const self: DayActivity = {
        ...written(merged.write, existing),
        connection_primary: connection.isPrimary,
      };
      if (!existing) {
        const micros = state.arrivalMicros + ++arrivals;
        self.id = options.newId();
        self.created_at = new Date(Math.floor(micros / 1000)).toISOString();
        inserts.set(self.id, { activity: self, createdAt: microsIso(micros) });
      } else if (!inserts.has(self.id)) {
        updates.set(self.id, updates.get(self.id) ?? { activity: self, pointsAdded: 0 });
      }
      // The written row now belongs to this day (whatever day it started on before).
      for (const [key, list] of state.activities) {
        if (!key.startsWith(`${userId}/`)) continue;
        const at = list.findIndex((a) => a.id === self.id);
        if (at >= 0) list.splice(at, 1);
      }
      const key = dayKey(userId, day);
      const dayActivities = state.activities.get(key) ?? [];
      state.activities.set(key, dayActivities);
      dayActivities.push(self);
      known.set(`${userId} ${write.external_id}`, self);
      const settlement = settleDay({
        records: dayActivities.map(toDayRecord),
        state: state.days.get(key)!,
        triggerId: self.id,
        tierCode,
        cap: options.cap,
      });
      state.days.set(key, settlement.state);
      changed.add(key);
      if (settlement.granted > 0) {
        out.ledger.push({
          user_id: userId,
          transaction_type: "earn",
          amount: settlement.granted,
          reference_type: "activity",
          reference_id: self.id,
          description: describe(write.activity_type, day, settlement),
        });
      }
      self.metrics = asStoredJson({
        ...self.metrics,
        points: pointsOf(self, settlement, tierCode, options.now),
      });
      self.points_earned += settlement.granted;
      const update = updates.get(self.id);
      if (update) {
        update.activity = self;
        update.pointsAdded += settlement.granted;
      } else {
        inserts.get(self.id)!.activity = self;
      }
      if (settlement.duplicateOf || settlement.correction) {
        out.audit.push({
          actor_id: null,
          action: settlement.duplicateOf ? "activity.duplicate" : "activity.correction",
          entity_type: "activity",
          entity_id: self.id,
          details: { duplicate_of: settlement.duplicateOf, day, reported: self.metrics.normalized },
        });
      }
      outcomes.push({
        ...base,
        activity_id: self.id,
        result: settlement.duplicateOf ? "duplicate" : merged.result,
        granted: settlement.granted,
        capped: settlement.capped,
        correction: settlement.correction,
        ...(settlement.duplicateOf ? { duplicate_of: settlement.duplicateOf } : {}),
      });
    }
  }
  out.inserts = [...inserts.values()];
  out.updates = [...updates.values()];
  out.days = [...changed].sort().map((key) => {
    const [userId, day] = key.split("/");
    return { userId, day, state: state.days.get(key)! };
  });
  return out;
}

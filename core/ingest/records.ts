/**
 * Normalized records → activity rows, and the merge rule for a record that
 * arrives again: an older copy (lower ordering timestamp) never overwrites a
 * newer one, and a null never overwrites a value.
 *
 * @module
 */
import type { Activity } from "../activities/schemas.ts";
import type { DayRecord } from "../points/rules/day_ledger.ts";
import { platformDate, startOfPlatformDay } from "../time/platform_day.ts";
import type { ActivityWrite } from "./repo.ts";
import type { Connection, NormalizedRecord, ReportedMinutes } from "./schemas.ts";

/** One activity row a record becomes, with the platform day it counts for. */
export interface PlannedWrite {
  day: string;
  write: ActivityWrite;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where `next` wins except that null or missing never replaces a value. */
export function mergeNonNull(previous: unknown, next: unknown): unknown {
  if (next === null || next === undefined) return previous;
  if (isObject(previous) && isObject(next)) {
    const out: Json = { ...previous };
    for (const [key, value] of Object.entries(next)) out[key] = mergeNonNull(previous[key], value);
    return out;
  }
  return next;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// Zone arithmetic is the costly part of planning a batch, and a batch's days repeat.
const ranges = new Map<string, { from: Date; until: Date }>();

/** The instants a platform day spans, [from, until). */
export function dayRange(day: string, timeZone: string): { from: Date; until: Date } {
  const key = `${timeZone} ${day}`;
  let range = ranges.get(key);
  if (!range) {
    if (ranges.size >= 10_000) ranges.clear();
    range = {
      from: startOfPlatformDay(day, timeZone),
      until: startOfPlatformDay(nextDate(day), timeZone),
    };
    ranges.set(key, range);
  }
  // Copies: callers may keep or change the dates.
  return { from: new Date(range.from), until: new Date(range.until) };
}

function dominant(minutes: ReportedMinutes): Activity["intensity"] {
  const order = ["vigorous", "moderate", "light"] as const;
  let best: Activity["intensity"] = null;
  let most = 0;
  for (const level of order) {
    if ((minutes[level] ?? 0) > most) [best, most] = [level, minutes[level] ?? 0];
  }
  return best;
}

function total(minutes: ReportedMinutes): number | null {
  const values = [minutes.light, minutes.moderate, minutes.vigorous];
  return values.every((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

/** The activity rows a record maps to: one per workout, a steps and an active_minutes row per daily. */
export function planWrites(
  record: NormalizedRecord,
  connection: Connection,
  timeZone: string,
): PlannedWrite[] {
  const base = { user_id: connection.userId, connection_id: connection.id };
  const prefix = `terra:${connection.id}`;
  if (record.kind === "workout") {
    const start = new Date(record.start);
    return [{
      day: platformDate(start, timeZone),
      write: {
        ...base,
        external_id: `${prefix}:workout:${record.summaryId}`,
        activity_type: "workout",
        start_time: start,
        end_time: record.end ? new Date(record.end) : null,
        duration_minutes: record.durationMinutes,
        intensity: dominant(record.minutes),
        metrics: {
          name: record.name,
          normalized: { steps: record.steps, ...record.minutes, deleted: record.deleted },
          provider_record: record.raw,
        },
      },
    }];
  }
  const { from, until } = dayRange(record.date, timeZone);
  const common = { ...base, start_time: from, end_time: until };
  return [{
    day: record.date,
    write: {
      ...common,
      external_id: `${prefix}:steps:${record.date}`,
      activity_type: "steps",
      duration_minutes: null,
      intensity: null,
      metrics: { normalized: { steps: record.steps }, provider_record: record.raw },
    },
  }, {
    day: record.date,
    write: {
      ...common,
      external_id: `${prefix}:active_minutes:${record.date}`,
      activity_type: "active_minutes",
      duration_minutes: total(record.minutes),
      intensity: dominant(record.minutes),
      metrics: { normalized: { ...record.minutes }, provider_record: record.raw },
    },
  }];
}

export type MergeResult =
  | { result: "created"; write: ActivityWrite }
  | { result: "updated"; write: ActivityWrite }
  | { result: "unchanged" | "stale"; write: null };

/** Merges an incoming write into the stored activity (if any) under the ordering rule. */
export function mergeWrite(
  existing: Activity | null,
  incoming: ActivityWrite,
  orderingTs: number | null,
): MergeResult {
  if (!existing) {
    return {
      result: "created",
      write: { ...incoming, metrics: { ...incoming.metrics, ordering_ts: orderingTs } },
    };
  }
  const storedTs = typeof existing.metrics.ordering_ts === "number"
    ? existing.metrics.ordering_ts
    : null;
  if (storedTs !== null && orderingTs !== null && orderingTs < storedTs) {
    return { result: "stale", write: null };
  }
  const metrics = mergeNonNull(existing.metrics, incoming.metrics) as Json;
  metrics.ordering_ts = Math.max(storedTs ?? 0, orderingTs ?? 0) || storedTs || orderingTs;
  const write: ActivityWrite = {
    ...incoming,
    end_time: incoming.end_time ?? (existing.end_time ? new Date(existing.end_time) : null),
    duration_minutes: incoming.duration_minutes ?? existing.duration_minutes,
    intensity: incoming.intensity ?? existing.intensity,
    metrics,
  };
  const same = JSON.stringify(metrics) === JSON.stringify(existing.metrics) &&
    write.duration_minutes === existing.duration_minutes &&
    write.start_time.toISOString() === new Date(existing.start_time).toISOString();
  return same ? { result: "unchanged", write: null } : { result: "updated", write };
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The view of a stored activity the day rule needs. */
export function toDayRecord(activity: Activity & { connection_primary: boolean }): DayRecord {
  const n = isObject(activity.metrics.normalized) ? activity.metrics.normalized : {};
  const points = isObject(activity.metrics.points) ? activity.metrics.points : {};
  const start = Date.parse(activity.start_time);
  return {
    id: activity.id,
    kind: activity.activity_type,
    connectionId: activity.connection_id,
    primary: activity.connection_primary,
    start,
    end: activity.end_time ? Date.parse(activity.end_time) : start,
    steps: num(n.steps),
    minutes: { light: num(n.light), moderate: num(n.moderate), vigorous: num(n.vigorous) },
    durationMinutes: activity.duration_minutes,
    bonusPaid: points.bonus_paid === true,
    deleted: n.deleted === true,
    arrived: Date.parse(activity.created_at),
  };
}

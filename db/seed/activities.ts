/**
 * Activities of every type and intensity with realistic metrics, paid by the
 * point rules: tier multiplier, workout bonus (at most 3 a day) and the
 * daily cap, plus the cap's per-day bookkeeping rows.
 *
 * @module
 */
import { DAILY_CAP } from "../../core/points/rules/daily_cap.ts";
import { applyMultiplier, multiplierTenths } from "../../core/points/rules/multipliers.ts";
import {
  BONUS_MIN_MINUTES,
  MAX_BONUSES_PER_DAY,
  MINUTE_RATES,
  minuteBasePoints,
  stepBasePoints,
  WORKOUT_BONUS,
} from "../../core/points/rules/rates.ts";
import type { BulkWriter } from "./_bulk.ts";
import type { SeedRandom } from "./_random.ts";
import { ACTIVITIES, POINTS_DAYS } from "./_tables.ts";
import type { SeedUser } from "./people.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const INTENSITIES = ["light", "moderate", "vigorous"] as const;
const WORKOUTS = ["running", "cycling", "swimming", "strength", "yoga", "rowing", "hiit"];

type Intensity = typeof INTENSITIES[number];
type Kind = "steps" | "workout" | "active_minutes";

/** A paid activity, for the ledger. */
export interface Earning {
  at: number;
  amount: number;
  activityId: string;
  kind: Kind;
}

export interface ActivityContext {
  rng: SeedRandom;
  now: number;
  /** Platform-zone offset in ms, so "day" means the platform day. */
  zoneOffset: number;
  /** Forces the first activities of the whole seed to cover every type and intensity. */
  coverage: { next: number };
}

const COVERAGE: readonly [Kind, Intensity | null][] = [
  ["steps", null],
  ["workout", "light"],
  ["workout", "moderate"],
  ["workout", "vigorous"],
  ["active_minutes", "light"],
  ["active_minutes", "moderate"],
  ["active_minutes", "vigorous"],
];

function activityShape(rng: SeedRandom, ctx: ActivityContext): [Kind, Intensity | null] {
  if (ctx.coverage.next < COVERAGE.length) return COVERAGE[ctx.coverage.next++];
  const r = rng.next();
  const kind: Kind = r < 0.4 ? "steps" : r < 0.7 ? "workout" : "active_minutes";
  return [kind, kind === "steps" ? null : rng.pick(INTENSITIES)];
}

function metricsFor(
  rng: SeedRandom,
  kind: Kind,
  minutes: number,
  intensity: Intensity | null,
): { metrics: Record<string, unknown>; base: number; bonus: boolean } {
  if (kind === "steps") {
    const steps = rng.int(1500, 16000);
    return {
      metrics: {
        steps,
        distance_km: Math.round(steps * 0.0008 * 100) / 100,
        calories: Math.round(steps * 0.04),
        floors_climbed: rng.int(0, 25),
      },
      base: stepBasePoints(steps),
      bonus: false,
    };
  }
  const level = intensity ?? "moderate";
  const heart = { light: 105, moderate: 130, vigorous: 158 }[level] + rng.int(-8, 8);
  if (kind === "workout") {
    return {
      metrics: {
        workout_type: rng.pick(WORKOUTS),
        calories: Math.round(minutes * (4 + 3 * MINUTE_RATES[level])),
        avg_heart_rate: heart,
        max_heart_rate: heart + rng.int(12, 30),
        distance_km: Math.round(minutes * rng.int(5, 12) * 10 / 60) / 10,
      },
      base: minutes * MINUTE_RATES[level],
      bonus: minutes >= BONUS_MIN_MINUTES,
    };
  }
  const split = { light: 0, moderate: 0, vigorous: 0 };
  split[level] = minutes;
  return {
    metrics: {
      light_minutes: split.light,
      moderate_minutes: split.moderate,
      vigorous_minutes: split.vigorous,
      avg_heart_rate: heart,
    },
    base: minuteBasePoints(split),
    bonus: false,
  };
}

/** Queues `count` activities of `user`; returns what each paid, in time order. */
export function writeActivities(
  writer: BulkWriter,
  ctx: ActivityContext,
  user: SeedUser,
  count: number,
): Earning[] {
  const { rng, now } = ctx;
  const from = Math.max(user.createdAt + 3_600_000, now - 60 * DAY);
  const to = now - 10 * MINUTE;
  const drafts: { start: number; kind: Kind; intensity: Intensity | null; minutes: number }[] = [];
  for (let k = 0; k < count; k++) {
    const [kind, intensity] = activityShape(rng, ctx);
    const minutes = kind === "steps" ? rng.int(60, 720) : rng.int(10, 90);
    const latest = Math.max(from, to - minutes * MINUTE - 3 * MINUTE);
    drafts.push({ start: rng.between(from, latest).getTime(), kind, intensity, minutes });
  }
  drafts.sort((a, b) => a.start - b.start);
  const tenths = multiplierTenths(user.tierCode);
  const earnedOn = new Map<number, number>();
  const bonusesOn = new Map<number, number>();
  const events: Earning[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    const end = d.start + d.minutes * MINUTE;
    const day = Math.floor((d.start + ctx.zoneOffset) / DAY);
    const shape = metricsFor(rng, d.kind, d.minutes, d.intensity);
    const bonus = shape.bonus && (bonusesOn.get(day) ?? 0) < MAX_BONUSES_PER_DAY;
    if (bonus) bonusesOn.set(day, (bonusesOn.get(day) ?? 0) + 1);
    const wanted = applyMultiplier(shape.base, tenths) + (bonus ? WORKOUT_BONUS : 0);
    const points = Math.max(0, Math.min(wanted, DAILY_CAP - (earnedOn.get(day) ?? 0)));
    earnedOn.set(day, (earnedOn.get(day) ?? 0) + points);
    const id = rng.uuid();
    const synced = new Date(end + 2 * MINUTE);
    writer.add(ACTIVITIES.name, [
      id,
      user.id,
      user.connection?.id ?? null,
      user.connection ? `${user.connection.provider}-${k + 1}` : null,
      d.kind,
      new Date(d.start),
      new Date(end),
      d.minutes,
      d.intensity,
      shape.metrics,
      points,
      true,
      synced,
      synced,
    ]);
    if (points > 0) {
      events.push({ at: synced.getTime(), amount: points, activityId: id, kind: d.kind });
    }
  }
  // The cap's bookkeeping, so a sync today continues from what the seed already paid.
  for (const [day, earned] of earnedOn) {
    writer.add(POINTS_DAYS.name, [
      user.id,
      new Date(day * DAY).toISOString().slice(0, 10),
      bonusesOn.get(day) ?? 0,
      earned,
      new Date(Math.min(now, (day + 1) * DAY - ctx.zoneOffset)),
    ]);
  }
  return events;
}

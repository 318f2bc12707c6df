/**
 * ARCHITECTURE §5 as one pure rule: what a new or updated activity pays, given
 * every activity of the same user and platform day.
 *
 * - Providers send cumulative daily totals. The day keeps a high-water mark
 *   (the "basis") of what has been paid for; an update pays only the increase
 *   over the basis, and a total that goes down pays nothing and takes nothing
 *   back (it is reported as a correction).
 * - A workout's minutes and steps are also inside the day's totals, so the
 *   day covers `max(daily total, sum of workouts)` per quantity: each minute
 *   and step is paid once, whichever record arrives first. Workouts add the
 *   bonus (at most three a day).
 * - With several connections the primary one wins: its daily total is the
 *   day's, and a workout overlapping a primary workout of another connection
 *   is a duplicate that pays nothing.
 *
 * @module
 */
import {
  MAX_BONUSES_PER_DAY,
  minuteBasePoints,
  type Minutes,
  NO_MINUTES,
  qualifiesForBonus,
  stepBasePoints,
  WORKOUT_BONUS,
} from "./rates.ts";
import { applyMultiplier, multiplierTenths } from "./multipliers.ts";
import { DAILY_CAP, grantUnderCap } from "./daily_cap.ts";

/** One activity of the day, as the rule needs it. */
export interface DayRecord {
  id: string;
  kind: "steps" | "active_minutes" | "workout";
  connectionId: string | null;
  /** Whether its connection is the user's primary one. */
  primary: boolean;
  /** Epoch ms; workouts overlap when their [start, end) ranges intersect. */
  start: number;
  end: number;
  steps: number;
  minutes: Minutes;
  durationMinutes: number | null;
  bonusPaid: boolean;
  /** Deleted by the provider: no longer counted (nothing is taken back). */
  deleted: boolean;
  /** Arrival order (epoch ms of creation); earlier wins ties. */
  arrived: number;
}

/** What has been paid for on one user-day. */
export interface DayState {
  steps: number;
  minutes: Minutes;
  bonuses: number;
  earned: number;
}

export interface SettleInput {
  records: readonly DayRecord[];
  state: DayState;
  /** The activity that just arrived or changed. */
  triggerId: string;
  tierCode: string | null;
  cap?: number;
}

export interface Settlement {
  /** The trigger lost to a primary (or earlier) record; it pays nothing. */
  duplicateOf: string | null;
  /** The provider reported less than was already paid for. */
  correction: boolean;
  /** Tier-adjusted points for the new steps and minutes. */
  activityPoints: number;
  bonus: number;
  requested: number;
  granted: number;
  capped: boolean;
  state: DayState;
}

function overlaps(a: DayRecord, b: DayRecord): boolean {
  return a.start < Math.max(b.end, b.start + 1) && b.start < Math.max(a.end, a.start + 1);
}

function byPreference(a: DayRecord, b: DayRecord): number {
  return Number(b.primary) - Number(a.primary) || a.arrived - b.arrived || (a.id < b.id ? -1 : 1);
}

/** The workouts that count, and for each loser the record it lost to. */
export function countedWorkouts(
  records: readonly DayRecord[],
): { counted: DayRecord[]; lostTo: Map<string, string> } {
  const counted: DayRecord[] = [];
  const lostTo = new Map<string, string>();
  for (const w of records.filter((r) => r.kind === "workout" && !r.deleted).sort(byPreference)) {
    const winner = counted.find((c) => c.connectionId !== w.connectionId && overlaps(c, w));
    if (winner) lostTo.set(w.id, winner.id);
    else counted.push(w);
  }
  return { counted, lostTo };
}

/** The daily record of `kind` that speaks for the day: the primary's, else the largest. */
export function winningDaily(
  records: readonly DayRecord[],
  kind: "steps" | "active_minutes",
): DayRecord | null {
  const size = (r: DayRecord) => kind === "steps" ? r.steps : minuteBasePoints(r.minutes);
  const candidates = records.filter((r) => r.kind === kind && !r.deleted);
  candidates.sort((a, b) =>
    Number(b.primary) - Number(a.primary) || size(b) - size(a) || a.arrived - b.arrived
  );
  return candidates[0] ?? null;
}

function maxMinutes(a: Minutes, b: Minutes): Minutes {
  return {
    light: Math.max(a.light, b.light),
    moderate: Math.max(a.moderate, b.moderate),
    vigorous: Math.max(a.vigorous, b.vigorous),
  };
}

function basePoints(steps: number, minutes: Minutes): number {
  return stepBasePoints(steps) + minuteBasePoints(minutes);
}

/**
 * Settles the day after `triggerId` arrived: the new basis, the points the
 * trigger earns and what the cap lets through.
 *
 * @example Cumulative steps pay only their increase
 * ```ts
 * // basis 6,000 steps already paid (60 points); the daily total grows to 8,000:
 * // activityPoints = 80 - 60 = 20 at INT.
 * ```
 * @example Workout minutes are not paid twice
 * ```ts
 * // the daily said 45 moderate minutes (paid 90); a 30-minute moderate workout
 * // arrives: coverage stays 45, so it pays only its 50-point bonus.
 * ```
 */
export function settleDay(input: SettleInput): Settlement {
  const { records, state } = input;
  const trigger = records.find((r) => r.id === input.triggerId);
  const { counted, lostTo } = countedWorkouts(records);
  const dailySteps = winningDaily(records, "steps");
  const dailyMinutes = winningDaily(records, "active_minutes");
  let duplicateOf: string | null = lostTo.get(input.triggerId) ?? null;
  if (trigger && trigger.kind !== "workout") {
    const winner = trigger.kind === "steps" ? dailySteps : dailyMinutes;
    if (winner && winner.id !== trigger.id) duplicateOf = winner.id;
  }
  const unchanged = { ...state, minutes: { ...state.minutes } };
  if (!trigger || duplicateOf || trigger.deleted) {
    return {
      duplicateOf,
      correction: Boolean(trigger?.deleted),
      activityPoints: 0,
      bonus: 0,
      requested: 0,
      granted: 0,
      capped: false,
      state: unchanged,
    };
  }
  const workoutSteps = counted.reduce((sum, w) => sum + w.steps, 0);
  const workoutMinutes = counted.reduce(
    (sum, w) => ({
      light: sum.light + w.minutes.light,
      moderate: sum.moderate + w.minutes.moderate,
      vigorous: sum.vigorous + w.minutes.vigorous,
    }),
    { light: 0, moderate: 0, vigorous: 0 },
  );
  const coveredSteps = Math.max(dailySteps?.steps ?? 0, workoutSteps);
  const coveredMinutes = maxMinutes(dailyMinutes?.minutes ?? NO_MINUTES, workoutMinutes);
  // A correction is the trigger's own quantity reported below what was already paid for.
  const stepsDropped = coveredSteps < state.steps;
  const minutesDropped = coveredMinutes.light < state.minutes.light ||
    coveredMinutes.moderate < state.minutes.moderate ||
    coveredMinutes.vigorous < state.minutes.vigorous;
  const correction = trigger.kind === "steps"
    ? stepsDropped
    : trigger.kind === "active_minutes"
    ? minutesDropped
    : stepsDropped || minutesDropped;
  const steps = Math.max(state.steps, coveredSteps);
  const minutes = maxMinutes(state.minutes, coveredMinutes);
  const tenths = multiplierTenths(input.tierCode);
  // Telescoping floors: paying a growing total in pieces sums to the floor of the whole.
  const activityPoints = applyMultiplier(basePoints(steps, minutes), tenths) -
    applyMultiplier(basePoints(state.steps, state.minutes), tenths);

  const bonusTaken = records.some((r) =>
    r.bonusPaid && r.kind === "workout" && overlaps(r, trigger)
  );
  const bonus = trigger.kind === "workout" && !trigger.bonusPaid && !bonusTaken &&
      qualifiesForBonus(trigger.durationMinutes) && state.bonuses < MAX_BONUSES_PER_DAY
    ? WORKOUT_BONUS
    : 0;
  const requested = activityPoints + bonus;
  const { granted, capped } = grantUnderCap(requested, state.earned, input.cap ?? DAILY_CAP);
  return {
    duplicateOf: null,
    correction,
    activityPoints,
    bonus,
    requested,
    granted,
    capped,
    state: {
      steps,
      minutes,
      bonuses: state.bonuses + (bonus > 0 ? 1 : 0),
      earned: state.earned + granted,
    },
  };
}

/**
 * The activity summary: today, this week (from Monday) and this month in the
 * platform zone, with points remaining under today's cap and the streak of
 * consecutive days with points.
 *
 * @module
 */
import { z } from "zod";
import type { CoreDeps } from "../ports.ts";
import { DAILY_CAP } from "../points/rules/daily_cap.ts";
import { periodBounds } from "../time/periods.ts";
import { platformDate } from "../time/platform_day.ts";

const Totals = {
  start_date: z.string(),
  end_date: z.string(),
  steps: z.number().int(),
  active_minutes: z.number().int(),
  workouts: z.number().int(),
  workout_minutes: z.number().int(),
  points_earned: z.number().int(),
};

export const ActivitySummarySchema = z.object({
  time_zone: z.string(),
  generated_at: z.string(),
  today: z.object({
    ...Totals,
    daily_cap: z.number().int(),
    points_remaining: z.number().int().describe("Points still earnable today under the cap"),
  }),
  thisWeek: z.object({
    ...Totals,
    streak_days: z.number().int().describe("Consecutive days with points, up to today"),
  }),
  thisMonth: z.object({ ...Totals, active_days: z.number().int() }),
});
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;

/** Longest streak we look back for. */
const STREAK_LOOKBACK_DAYS = 366;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Consecutive days with points ending today, or ending yesterday when today
 * has none yet (a streak is not broken before the day is over).
 *
 * @example
 * ```ts
 * streakDays(new Map([["2026-01-09", 10], ["2026-01-10", 5]]), "2026-01-10"); // 2
 * streakDays(new Map([["2026-01-09", 10]]), "2026-01-10"); // 1
 * ```
 */
export function streakDays(earned: Map<string, number>, today: string): number {
  let day = (earned.get(today) ?? 0) > 0 ? today : addDays(today, -1);
  let streak = 0;
  while ((earned.get(day) ?? 0) > 0 && streak < STREAK_LOOKBACK_DAYS) {
    streak++;
    day = addDays(day, -1);
  }
  return streak;
}

/**
 * The summary for `userId` at the clock's now.
 *
 * @example
 * ```ts
 * const { today } = await activitySummary(deps, user.id); // today.points_remaining
 * ```
 */
export async function activitySummary(deps: CoreDeps, userId: string): Promise<ActivitySummary> {
  const now = deps.clock.now();
  const zone = deps.timeZone;
  const today = platformDate(now, zone);
  const earned = await deps.store.trackers.earnedByDay(
    userId,
    addDays(today, -STREAK_LOOKBACK_DAYS),
    today,
  );
  const totals = async (period: "daily" | "weekly" | "monthly") => {
    const { start, end } = periodBounds(period, now, zone);
    const startDate = platformDate(start!, zone);
    const endDate = addDays(platformDate(end!, zone), -1);
    const sums = await deps.store.trackers.activityTotals(userId, start!, end!);
    let points = 0;
    let activeDays = 0;
    for (const [day, value] of earned) {
      if (day >= startDate && day <= endDate) {
        points += value;
        if (value > 0) activeDays++;
      }
    }
    return {
      start_date: startDate,
      end_date: endDate,
      steps: sums.steps,
      active_minutes: sums.active_minutes,
      workouts: sums.workouts,
      workout_minutes: sums.workout_minutes,
      points_earned: points,
      activeDays,
    };
  };
  const [day, week, month] = await Promise.all([
    totals("daily"),
    totals("weekly"),
    totals("monthly"),
  ]);
  const strip = ({ activeDays: _, ...rest }: typeof day) => rest;
  return {
    time_zone: zone,
    generated_at: now.toISOString(),
    today: {
      ...strip(day),
      daily_cap: DAILY_CAP,
      points_remaining: Math.max(0, DAILY_CAP - day.points_earned),
    },
    thisWeek: { ...strip(week), streak_days: streakDays(earned, today) },
    thisMonth: { ...strip(month), active_days: month.activeDays },
  };
}

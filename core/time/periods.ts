/**
 * Leaderboard periods in the platform zone: day, week (from Monday 00:00),
 * month, and all time.
 *
 * @module
 */
import { platformDate, startOfPlatformDay } from "./platform_day.ts";

export const PERIODS = ["daily", "weekly", "monthly", "alltime"] as const;
export type Period = typeof PERIODS[number];

export interface PeriodBounds {
  period: Period;
  /** Inclusive start; null for all time. */
  start: Date | null;
  /** Exclusive end; null for all time. */
  end: Date | null;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The period containing `now`.
 *
 * @example periodBounds("weekly", new Date("2026-12-09T12:00:00Z"), "UTC").start // Monday 2026-12-07
 */
export function periodBounds(period: Period, now: Date, timeZone: string): PeriodBounds {
  const today = platformDate(now, timeZone);
  let first: string;
  let next: string;
  switch (period) {
    case "alltime":
      return { period, start: null, end: null };
    case "daily":
      first = today;
      next = addDays(today, 1);
      break;
    case "weekly": {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      first = addDays(today, -weekday);
      next = addDays(first, 7);
      break;
    }
    case "monthly": {
      first = `${today.slice(0, 7)}-01`;
      const [y, m] = first.split("-").map(Number);
      next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
      break;
    }
  }
  return {
    period,
    start: startOfPlatformDay(first, timeZone),
    end: startOfPlatformDay(next, timeZone),
  };
}

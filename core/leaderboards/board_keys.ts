/**
 * Which boards an instant belongs to: the day, week (from Monday), month and
 * all-time period, each named by the platform-zone date it starts on.
 *
 * @module
 */
import { type Period, periodBounds, PERIODS } from "../time/periods.ts";
import { platformDate } from "../time/platform_day.ts";

/** The all-time board's stand-in start date (rollup rows need one). */
export const ALLTIME_START = "1970-01-01";

/** One period's board (without the tier): its start date and bounds. */
export interface PeriodKey {
  period: Period;
  /** Platform-zone date the period starts on, YYYY-MM-DD ({@link ALLTIME_START} for all time). */
  start: string;
  /** Inclusive start instant; null for all time. */
  startsAt: Date | null;
  /** Exclusive end instant; null for all time. */
  endsAt: Date | null;
}

/**
 * The period of kind `period` containing `at`.
 *
 * @example periodKey("weekly", new Date("2026-12-13T23:59:59-05:00"), "America/New_York").start === "2026-12-07"
 */
export function periodKey(period: Period, at: Date, timeZone: string): PeriodKey {
  // Zone arithmetic builds Intl formatters; every board read and earning asks for the
  // current period, so the last answer per (period, zone) is reused while `at` is in it.
  const memo = `${period}|${timeZone}`;
  const last = recent.get(memo);
  const t = at.getTime();
  if (last && (!last.startsAt || (last.startsAt.getTime() <= t && t < last.endsAt!.getTime()))) {
    return last;
  }
  const bounds = periodBounds(period, at, timeZone);
  const key = Object.freeze({
    period,
    start: bounds.start ? platformDate(bounds.start, timeZone) : ALLTIME_START,
    startsAt: bounds.start,
    endsAt: bounds.end,
  });
  recent.set(memo, key);
  return key;
}

const recent = new Map<string, PeriodKey>();

/**
 * All four periods containing `at`: every earning counts on each of them.
 *
 * @example periodKeys(new Date(), "UTC").map((k) => k.period) // daily, weekly, monthly, alltime
 */
export function periodKeys(at: Date, timeZone: string): PeriodKey[] {
  return PERIODS.map((period) => periodKey(period, at, timeZone));
}

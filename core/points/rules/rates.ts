/**
 * The plan's rate table (Checkpoint 3). Points are whole numbers: base points
 * are computed on cumulative quantities, so paying a growing total in pieces
 * never loses or invents a point to rounding.
 *
 * @module
 */

/** 10 points per 1,000 steps, i.e. one base point per 100 whole steps. */
export const STEP_POINTS_PER_THOUSAND = 10;
/** Base points per active minute, by intensity. */
export const MINUTE_RATES = { light: 1, moderate: 2, vigorous: 3 } as const;
/** Flat bonus for a workout of {@link BONUS_MIN_MINUTES}+ minutes; not tier-adjusted. */
export const WORKOUT_BONUS = 50;
/** A workout earns the bonus from this many whole minutes on (19 does not, 20 does). */
export const BONUS_MIN_MINUTES = 20;
/** At most this many workout bonuses per user and platform day. */
export const MAX_BONUSES_PER_DAY = 3;

export type Intensity = keyof typeof MINUTE_RATES;

/** Active minutes split by intensity. */
export interface Minutes {
  light: number;
  moderate: number;
  vigorous: number;
}

export const NO_MINUTES: Minutes = Object.freeze({ light: 0, moderate: 0, vigorous: 0 });

function whole(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * Base (pre-multiplier) points for a step count; partial thousands count
 * pro rata in whole points.
 *
 * @example
 * ```ts
 * stepBasePoints(10_000); // 100
 * stepBasePoints(1_099); // 10
 * ```
 */
export function stepBasePoints(steps: number): number {
  return Math.floor(whole(steps) * STEP_POINTS_PER_THOUSAND / 1000);
}

/**
 * Base points for active minutes: 1 light, 2 moderate, 3 vigorous per whole minute.
 *
 * @example
 * ```ts
 * minuteBasePoints({ light: 10, moderate: 45, vigorous: 30 }); // 10 + 90 + 90 = 190
 * ```
 */
export function minuteBasePoints(minutes: Minutes): number {
  return whole(minutes.light) * MINUTE_RATES.light +
    whole(minutes.moderate) * MINUTE_RATES.moderate +
    whole(minutes.vigorous) * MINUTE_RATES.vigorous;
}

/**
 * Whether a workout of `durationMinutes` qualifies for the bonus.
 *
 * @example
 * ```ts
 * qualifiesForBonus(19.9); // false
 * qualifiesForBonus(20); // true
 * ```
 */
export function qualifiesForBonus(durationMinutes: number | null): boolean {
  return whole(durationMinutes ?? 0) >= BONUS_MIN_MINUTES;
}

/**
 * The daily earning cap, per user and platform day (FITTRACK_TIMEZONE).
 *
 * @module
 */

/** Most points a user can earn in one platform day. */
export const DAILY_CAP = 1000;

/** What the cap lets through of a requested amount. */
export interface CapGrant {
  /** Points actually paid (0..requested). */
  granted: number;
  /** True when the cap cut the amount. */
  capped: boolean;
}

/**
 * How much of `requested` can be paid when `earnedToday` is already paid.
 *
 * @example
 * ```ts
 * grantUnderCap(50, 980); // { granted: 20, capped: true }
 * grantUnderCap(1, 999); // { granted: 1, capped: false }
 * grantUnderCap(1, 1000); // { granted: 0, capped: true }
 * ```
 */
export function grantUnderCap(
  requested: number,
  earnedToday: number,
  cap: number = DAILY_CAP,
): CapGrant {
  const want = Math.max(0, Math.floor(requested));
  const room = Math.max(0, cap - earnedToday);
  return { granted: Math.min(want, room), capped: want > room };
}

/**
 * The composite leaderboard score: points and the moment they were reached in
 * one IEEE double, so a sorted set orders "more points first, then whoever got
 * there first" with a single number.
 *
 * `composite = points · 2^32 + (2^32 − 1 − seconds since 2025-01-01)`. Doubles hold
 * integers exactly up to 2^53, which leaves 21 bits for points: a board entry
 * of 2^21 points or more cannot be encoded and the board is served from
 * PostgreSQL instead (see docs/adr/0011-redis-sorted-sets.md).
 *
 * @module
 */

/** Seconds are counted from this instant (2025-01-01T00:00:00Z). */
export const SCORE_EPOCH_MS = Date.UTC(2025, 0, 1);
/** The first points total that no longer fits the composite. */
export const MAX_SCORE_POINTS = 2 ** 21;
const TIME_SPAN = 2 ** 32;

/** Seconds since {@link SCORE_EPOCH_MS}, truncated: the tie-break resolution. */
export function scoreSeconds(reachedAt: Date): number {
  return Math.floor((reachedAt.getTime() - SCORE_EPOCH_MS) / 1000);
}

/**
 * Encodes points and first-reach time; a larger composite ranks higher.
 * Throws a RangeError when the points or the time do not fit.
 *
 * @example encodeScore(10, new Date("2025-01-01T00:00:00Z")) === 10 * 2 ** 32 + 2 ** 32 - 1
 */
export function encodeScore(points: number, reachedAt: Date): number {
  if (!Number.isInteger(points) || points < 0 || points >= MAX_SCORE_POINTS) {
    throw new RangeError(
      `Cannot encode score: points ${points} outside 0..${MAX_SCORE_POINTS - 1}`,
    );
  }
  const seconds = scoreSeconds(reachedAt);
  if (seconds < 0 || seconds >= TIME_SPAN) {
    throw new RangeError(`Cannot encode score: time ${reachedAt.toISOString()} out of range`);
  }
  return points * TIME_SPAN + (TIME_SPAN - 1 - seconds);
}

/** The points part of a composite. */
export function pointsOf(composite: number): number {
  return Math.floor(composite / TIME_SPAN);
}

/**
 * The inverse of {@link encodeScore} (time to the second).
 *
 * @example decodeScore(encodeScore(7, new Date("2026-01-01T10:00:00Z"))).points === 7
 */
export function decodeScore(composite: number): { points: number; reachedAt: Date } {
  const points = pointsOf(composite);
  const seconds = TIME_SPAN - 1 - (composite - points * TIME_SPAN);
  return { points, reachedAt: new Date(SCORE_EPOCH_MS + seconds * 1000) };
}

/**
 * Tier multipliers: the fitness-level suffix of the tier code decides.
 * Kept in tenths so every product is exact integer arithmetic.
 *
 * @module
 */

/** Multiplier in tenths by tier suffix: BEG 1.2, INT 1.0, ADV 0.9, OPEN 1.0. */
export const MULTIPLIER_TENTHS = { BEG: 12, INT: 10, ADV: 9, OPEN: 10 } as const;

/**
 * The multiplier (in tenths) for a tier code; unknown codes get 1.0 so a
 * malformed profile never pays more than the baseline.
 *
 * @example
 * ```ts
 * multiplierTenths("M-18-29-BEG"); // 12
 * multiplierTenths("F-30-39-INT"); // 10
 * multiplierTenths("M-40-49-ADV"); // 9
 * multiplierTenths("OPEN"); // 10
 * ```
 */
export function multiplierTenths(tierCode: string | null | undefined): number {
  if (tierCode === "OPEN") return MULTIPLIER_TENTHS.OPEN;
  const suffix = tierCode?.slice(-3);
  if (suffix === "BEG" || suffix === "INT" || suffix === "ADV") return MULTIPLIER_TENTHS[suffix];
  return MULTIPLIER_TENTHS.INT;
}

/**
 * Applies a multiplier to base points, rounding down.
 *
 * @example
 * ```ts
 * applyMultiplier(90, multiplierTenths("M-18-29-BEG")); // 108 (30 vigorous minutes)
 * applyMultiplier(90, multiplierTenths("M-40-49-ADV")); // 81
 * ```
 */
export function applyMultiplier(basePoints: number, tenths: number): number {
  return Math.floor(basePoints * tenths / 10);
}

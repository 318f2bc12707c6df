/**
 * The demographic tier rule: sex × age bracket × fitness level (30 tiers), or
 * OPEN for users who opt in to compete with everyone.
 *
 * @module
 */
import { z } from "zod";

export const AGE_BRACKETS = ["18-29", "30-39", "40-49", "50-59", "60+"] as const;
export const FITNESS_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const SEXES = ["male", "female"] as const;

export type AgeBracket = typeof AGE_BRACKETS[number];
export type FitnessLevel = typeof FITNESS_LEVELS[number];
export type BiologicalSex = typeof SEXES[number];

const LEVEL_CODE: Record<FitnessLevel, string> = {
  beginner: "BEG",
  intermediate: "INT",
  advanced: "ADV",
};

/** Every tier code: the 30 demographic tiers, then OPEN. */
export const TIER_CODES: readonly string[] = [
  ...SEXES.flatMap((sex) =>
    AGE_BRACKETS.flatMap((bracket) =>
      FITNESS_LEVELS.map((level) => `${sex === "male" ? "M" : "F"}-${bracket}-${LEVEL_CODE[level]}`)
    )
  ),
  "OPEN",
];

export const TierCodeSchema = z.string().refine((v) => TIER_CODES.includes(v), {
  message: "is not a tier code (e.g. M-30-39-INT or OPEN)",
});

/** Whole years between `dateOfBirth` (YYYY-MM-DD) and `today` (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * The age bracket for an age; under 18 has none.
 *
 * @example ageBracket(34) === "30-39"
 */
export function ageBracket(age: number): AgeBracket | null {
  if (age < 18) return null;
  if (age >= 60) return "60+";
  if (age < 30) return "18-29";
  return AGE_BRACKETS[Math.floor((age - 30) / 10) + 1];
}

export interface TierInput {
  biologicalSex: BiologicalSex;
  ageBracket: AgeBracket;
  fitnessLevel: FitnessLevel;
  openTier: boolean;
}

/**
 * The tier a profile competes in.
 *
 * @example tierCode({ biologicalSex: "male", ageBracket: "30-39", fitnessLevel: "intermediate", openTier: false }) === "M-30-39-INT"
 */
export function tierCode(input: TierInput): string {
  if (input.openTier) return "OPEN";
  const sex = input.biologicalSex === "male" ? "M" : "F";
  return `${sex}-${input.ageBracket}-${LEVEL_CODE[input.fitnessLevel]}`;
}

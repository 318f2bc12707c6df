/**
 * Who may join: adults by their state's age of majority, living in a state
 * where the sweepstakes may run.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import { ageOn } from "../tiers/tier_code.ts";

/** States whose age of majority is above 18. */
export const AGE_OF_MAJORITY: Readonly<Record<string, number>> = { AL: 19, NE: 19, MS: 21 };

/**
 * The minimum age to register in `state`.
 *
 * @example minimumAge("MS") === 21
 */
export function minimumAge(state: string): number {
  return AGE_OF_MAJORITY[state] ?? 18;
}

export interface EligibilityInput {
  date_of_birth: string;
  state: string;
  /** Today's date (YYYY-MM-DD) in the platform zone. */
  today: string;
  excludedStates: readonly string[];
}

/**
 * Throws the first reason `input` may not register: a future birth date
 * (422), under the state's age of majority (400), or an excluded state (400).
 */
export function assertEligible(input: EligibilityInput): void {
  if (input.date_of_birth > input.today) {
    throw new DomainError("validation", "date_of_birth must not be in the future.", {
      errors: [{ field: "date_of_birth", message: "must not be in the future" }],
    });
  }
  const needed = minimumAge(input.state);
  if (ageOn(input.date_of_birth, input.today) < needed) {
    const message = needed === 18
      ? "Must be 18 or older"
      : `Must be ${needed} or older (the age of majority in ${input.state})`;
    throw new DomainError("bad_request", message, {
      errors: [{ field: "date_of_birth", message }],
    });
  }
  if (input.excludedStates.includes(input.state)) {
    throw new DomainError("bad_request", "State not eligible for sweepstakes", {
      errors: [{ field: "state", message: `${input.state} is not eligible for sweepstakes` }],
    });
  }
}

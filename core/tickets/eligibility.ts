/**
 * Who may enter a drawing, checked on the server at every entry (paid or
 * free): an active adult of their state's age of majority, living in an
 * enabled state, with an account old enough, of the drawing's user type,
 * role and tier.
 *
 * @module
 */
import { minimumAge } from "../auth/eligibility.ts";
import { DomainError } from "../errors.ts";
import { ageOn } from "../tiers/tier_code.ts";
import { EligibilitySchema } from "../drawings/schemas.ts";
import type { Entrant } from "./repo.ts";

const DAY_MS = 86_400_000;

function refuse(field: string, message: string): DomainError {
  return new DomainError("forbidden", `Not eligible for this drawing: ${message}`, {
    errors: [{ field, message }],
  });
}

/**
 * Throws a 403 naming the first rule `entrant` fails for a drawing with
 * `rules` (its eligibility JSON) at `now`; `excludedStates` is the platform's list.
 */
export function assertMayEnter(
  entrant: Entrant,
  rules: Record<string, unknown>,
  now: Date,
  excludedStates: readonly string[],
): void {
  const e = EligibilitySchema.parse(rules);
  if (entrant.status !== "active") throw refuse("user", "the account is not active");
  if (!entrant.state || !entrant.date_of_birth) {
    throw refuse("profile", "a profile with state and date of birth is required");
  }
  const state = entrant.state;
  if (excludedStates.includes(state) || e.excluded_states?.includes(state)) {
    throw refuse("state", `residents of ${state} cannot enter`);
  }
  if (e.states && !e.states.includes(state)) {
    throw refuse("state", `open only to residents of ${e.states.join(", ")}`);
  }
  const needed = minimumAge(state);
  if (ageOn(entrant.date_of_birth, now.toISOString().slice(0, 10)) < needed) {
    throw refuse("date_of_birth", `entrants in ${state} must be ${needed} or older`);
  }
  const days = e.min_account_age_days ?? 0;
  if (Date.parse(entrant.created_at) + days * DAY_MS > now.getTime()) {
    throw refuse("account_age", `the account must be at least ${days} days old`);
  }
  if (e.user_type === "premium" && entrant.role === "user") {
    throw refuse("user_type", "open to premium members only");
  }
  if (e.roles && !e.roles.includes(entrant.role)) {
    throw refuse("role", `open to ${e.roles.join(", ")} accounts only`);
  }
  if (e.tiers && (!entrant.tier_code || !e.tiers.includes(entrant.tier_code))) {
    throw refuse("tier", `open to tiers ${e.tiers.join(", ")} only`);
  }
}

/**
 * The password rule: 12 to 128 characters with a lowercase letter, an
 * uppercase letter, a digit and a symbol, and not containing the email's
 * local part (the first thing an attacker tries).
 *
 * @module
 */
import { DomainError, type FieldError } from "../errors.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The one-line description shown next to password fields and in errors. */
export const PASSWORD_RULE =
  "must be 12-128 characters with an uppercase letter, a lowercase letter, a digit and a symbol, and must not contain your email name";

/**
 * Everything wrong with `password` for the account `email`; empty when it passes.
 *
 * @example passwordProblems("weak", "a@b.co").length > 0
 */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (!/\p{Ll}/u.test(password)) problems.push("must contain a lowercase letter");
  if (!/\p{Lu}/u.test(password)) problems.push("must contain an uppercase letter");
  if (!/\p{Nd}/u.test(password)) problems.push("must contain a digit");
  if (!/[^\p{L}\p{Nd}]/u.test(password)) problems.push("must contain a symbol");
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  // Very short local parts ("jo") would forbid too many ordinary passwords.
  if (local.length >= 3 && password.toLowerCase().includes(local)) {
    problems.push("must not contain the name part of your email");
  }
  return problems;
}

/** Throws a 422 naming `field` when the password breaks the rule. */
export function assertPasswordAllowed(password: string, email: string, field = "password"): void {
  const problems = passwordProblems(password, email);
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.map((message) => ({ field, message }));
  throw new DomainError(
    "validation",
    `Password does not meet the requirements: it ${PASSWORD_RULE}.`,
    { errors },
  );
}

/**
 * One-time tokens (email verification, password reset): issued as random
 * values, stored as hashes, consumed once, with distinct errors for unknown,
 * used and expired tokens.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps, Repositories } from "../ports.ts";
import type { OneTimePurpose } from "./repo.ts";

/** Lifetimes: 24 hours to verify an address, 1 hour to reset a password. */
export const ONE_TIME_TTL_SECONDS: Record<OneTimePurpose, number> = {
  verify_email: 24 * 3600,
  reset_password: 3600,
};

const WORDS: Record<OneTimePurpose, { invalid: string; expired: string; used: string }> = {
  verify_email: {
    invalid: "Invalid verification token",
    expired: "Token expired, request new verification email",
    used: "Verification token already used",
  },
  reset_password: {
    invalid: "Invalid password reset token",
    expired: "Token expired, request a new password reset email",
    used: "Password reset token already used",
  },
};

/** Creates a token for `userId` inside `tx`; returns the plain value for the mail. */
export async function issueOneTimeToken(
  deps: CoreDeps,
  tx: Repositories,
  userId: string,
  purpose: OneTimePurpose,
): Promise<string> {
  const { token, hash } = await deps.secrets.issue();
  const expires = new Date(deps.clock.now().getTime() + ONE_TIME_TTL_SECONDS[purpose] * 1000);
  await tx.auth.insertOneTimeToken({
    user_id: userId,
    purpose,
    token_hash: hash,
    expires_at: expires,
  });
  return token;
}

function tokenError(
  code: "token_invalid" | "token_used" | "token_expired",
  message: string,
): DomainError {
  return new DomainError(code, message, { errors: [{ field: "token", message }] });
}

/** The live token's user id, without using it; throws the matching error otherwise. */
export async function peekOneTimeToken(
  deps: CoreDeps,
  hash: string,
  purpose: OneTimePurpose,
): Promise<string> {
  const row = await deps.store.auth.findOneTimeToken(hash, purpose);
  const words = WORDS[purpose];
  if (!row) throw tokenError("token_invalid", words.invalid);
  if (row.used_at) throw tokenError("token_used", words.used);
  if (row.expires_at <= deps.clock.now()) throw tokenError("token_expired", words.expired);
  return row.user_id;
}

/** Uses the token inside `tx` (atomically, so a race lets one caller win); returns its user id. */
export async function consumeOneTimeToken(
  deps: CoreDeps,
  tx: Repositories,
  hash: string,
  purpose: OneTimePurpose,
): Promise<string> {
  const userId = await tx.auth.consumeOneTimeToken(hash, purpose, deps.clock.now());
  if (userId) return userId;
  // Lost a race or never valid: report why, from the committed state.
  await peekOneTimeToken(deps, hash, purpose);
  throw tokenError("token_used", WORDS[purpose].used);
}

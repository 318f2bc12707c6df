/**
 * Forgotten passwords: a one-hour, single-use token by mail; using it sets
 * the new password, signs the user out everywhere and lifts any lockout.
 *
 * @module
 */
import { notFound } from "../errors.ts";
import { passwordResetMail, securityNoticeMail } from "../mail/templates.ts";
import type { CoreDeps } from "../ports.ts";
import { consumeOneTimeToken, issueOneTimeToken, peekOneTimeToken } from "./_one_time.ts";
import { assertPasswordAllowed } from "./password_policy.ts";

/**
 * Queues a reset mail when `email` belongs to a usable account. Answers the
 * same either way, so it reveals nothing about which emails exist.
 */
export async function forgotPassword(deps: CoreDeps, email: string): Promise<void> {
  const found = await deps.store.users.findByEmail(email);
  if (!found || found.user.status === "banned" || found.user.status === "suspended") return;
  const user = found.user;
  await deps.store.transaction(async (tx) => {
    const token = await issueOneTimeToken(deps, tx, user.id, "reset_password");
    await tx.outbox.enqueue(passwordResetMail({
      to: user.email,
      displayName: user.profile?.display_name ?? user.email,
      appUrl: deps.auth.appUrl,
      token,
    }));
    await tx.audit.record({
      actor_id: null,
      action: "auth.password_reset_requested",
      entity_type: "user",
      entity_id: user.id,
    });
  });
}

/** Sets a new password with a reset token; every session of the user is revoked. */
export async function resetPassword(
  deps: CoreDeps,
  input: { token: string; new_password: string },
): Promise<void> {
  const hash = await deps.secrets.hash(input.token);
  const userId = await peekOneTimeToken(deps, hash, "reset_password");
  const user = await deps.store.users.findById(userId);
  if (!user) throw notFound("User", userId);
  // Checked before the token is used, so a rejected password does not burn it.
  assertPasswordAllowed(input.new_password, user.email, "new_password");
  const passwordHash = await deps.passwords.hash(input.new_password);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await consumeOneTimeToken(deps, tx, hash, "reset_password");
    await tx.auth.setPasswordHash(user.id, passwordHash);
    await tx.auth.revokeUserSessions(user.id, now);
    await tx.auth.clearLoginFailures(user.email);
    await tx.outbox.enqueue(securityNoticeMail({
      to: user.email,
      displayName: user.profile?.display_name ?? user.email,
      event: "Your password was reset",
      at: now,
    }));
    await tx.audit.record({
      actor_id: user.id,
      action: "auth.password_reset",
      entity_type: "user",
      entity_id: user.id,
    });
  });
}

/**
 * Email verification: using the mailed token activates the account; a new
 * token can be requested for a pending account.
 *
 * @module
 */
import { notFound } from "../errors.ts";
import { verificationMail } from "../mail/templates.ts";
import type { CoreDeps } from "../ports.ts";
import type { User } from "../users/schemas.ts";
import { consumeOneTimeToken, issueOneTimeToken, peekOneTimeToken } from "./_one_time.ts";

/** Uses a verification token: the user becomes `active` with a verified email. */
export async function verifyEmail(deps: CoreDeps, token: string): Promise<User> {
  const hash = await deps.secrets.hash(token);
  await peekOneTimeToken(deps, hash, "verify_email");
  const userId = await deps.store.transaction(async (tx) => {
    const id = await consumeOneTimeToken(deps, tx, hash, "verify_email");
    await tx.auth.markEmailVerified(id, deps.clock.now());
    await tx.audit.record({
      actor_id: id,
      action: "auth.verify_email",
      entity_type: "user",
      entity_id: id,
    });
    return id;
  });
  const user = await deps.store.users.findById(userId);
  if (!user) throw notFound("User", userId);
  return user;
}

/**
 * Queues a fresh verification mail when `email` belongs to a pending account.
 * Answers the same either way, so it reveals nothing about which emails exist.
 */
export async function resendVerification(deps: CoreDeps, email: string): Promise<void> {
  const found = await deps.store.users.findByEmail(email);
  if (!found || found.user.email_verified || found.user.status !== "pending") return;
  const user = found.user;
  await deps.store.transaction(async (tx) => {
    const token = await issueOneTimeToken(deps, tx, user.id, "verify_email");
    await tx.outbox.enqueue(verificationMail({
      to: user.email,
      displayName: user.profile?.display_name ?? user.email,
      appUrl: deps.auth.appUrl,
      token,
    }));
  });
}

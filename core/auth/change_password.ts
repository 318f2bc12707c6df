/**
 * Changing one's own password: the current one must match; every other
 * session is signed out and the owner gets a security notice.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import { securityNoticeMail } from "../mail/templates.ts";
import type { CoreDeps } from "../ports.ts";
import { assertPasswordAllowed } from "./password_policy.ts";

export interface ChangePasswordInput {
  userId: string;
  /** The session making the change; it stays signed in. */
  sessionId?: string;
  current_password: string;
  new_password: string;
}

/** Replaces the password; throws 422 for a wrong current password or a weak new one. */
export async function changePassword(deps: CoreDeps, input: ChangePasswordInput): Promise<void> {
  const user = await deps.store.users.findById(input.userId);
  if (!user) throw notFound("User", input.userId);
  const found = await deps.store.users.findByEmail(user.email);
  const matches = found?.password_hash
    ? await deps.passwords.verify(found.password_hash, input.current_password)
    : false;
  if (!matches) {
    throw new DomainError("validation", "The current password is not correct.", {
      errors: [{ field: "current_password", message: "is not correct" }],
    });
  }
  assertPasswordAllowed(input.new_password, user.email, "new_password");
  const passwordHash = await deps.passwords.hash(input.new_password);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.auth.setPasswordHash(user.id, passwordHash);
    await tx.auth.revokeUserSessions(user.id, now, input.sessionId);
    await tx.outbox.enqueue(securityNoticeMail({
      to: user.email,
      displayName: user.profile?.display_name ?? user.email,
      event: "Your password was changed",
      at: now,
    }));
    await tx.audit.record({
      actor_id: user.id,
      action: "auth.password_change",
      entity_type: "user",
      entity_id: user.id,
    });
  });
}

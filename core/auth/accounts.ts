/**
 * Operator actions on accounts (admin API and `fittrack users ...`): change
 * a role, lift a lockout.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Role, User } from "../users/schemas.ts";

/** Names a user by id or by email. */
export type UserRef = { id: string } | { email: string };

async function resolve(deps: CoreDeps, ref: UserRef): Promise<User> {
  const user = "id" in ref
    ? await deps.store.users.findById(ref.id)
    : (await deps.store.users.findByEmail(ref.email.trim().toLowerCase()))?.user ?? null;
  if (!user) {
    throw new DomainError("not_found", `User ${"id" in ref ? ref.id : ref.email} was not found.`);
  }
  return user;
}

/** Gives `ref` the role `role` (user, premium or admin). New tokens carry it. */
export async function promoteUser(
  deps: CoreDeps,
  ref: UserRef,
  role: Role,
  actorId: string | null = null,
): Promise<User> {
  const user = await resolve(deps, ref);
  return await deps.store.transaction(async (tx) => {
    const updated = await tx.users.update(user.id, { role });
    if (!updated) throw new DomainError("not_found", `User ${user.id} was not found.`);
    await tx.audit.record({
      actor_id: actorId,
      action: "user.role_change",
      entity_type: "user",
      entity_id: user.id,
      details: { from: user.role, to: role },
    });
    return updated;
  });
}

/** Clears the failed-login counter and any lock on `ref`'s account. */
export async function unlockUser(
  deps: CoreDeps,
  ref: UserRef,
  actorId: string | null = null,
): Promise<User> {
  const user = await resolve(deps, ref);
  await deps.store.auth.clearLoginFailures(user.email);
  await deps.store.audit.record({
    actor_id: actorId,
    action: "user.unlock",
    entity_type: "user",
    entity_id: user.id,
  });
  return user;
}

/** Whether `ref`'s account is locked at the clock's now, and until when. */
export async function lockStatus(
  deps: CoreDeps,
  ref: UserRef,
): Promise<{ user: User; locked_until: string | null; failures: number }> {
  const user = await resolve(deps, ref);
  const now = deps.clock.now();
  const state = await deps.store.auth.loginFailures(user.email, now);
  const lockedUntil = state.locked_until && state.locked_until > now ? state.locked_until : null;
  return { user, locked_until: lockedUntil?.toISOString() ?? null, failures: state.failures };
}

/**
 * Logout: revokes the session's refresh-token family. Access tokens already
 * issued stay valid until they expire (at most the access lifetime).
 *
 * @module
 */
import type { CoreDeps } from "../ports.ts";

/**
 * Revokes the family of `refreshToken` (when given and owned by `userId`) and
 * the family `sessionId` names. Idempotent: logging out twice is fine.
 */
export async function logout(
  deps: CoreDeps,
  input: { userId: string; sessionId?: string; refreshToken?: string },
): Promise<void> {
  const now = deps.clock.now();
  const families = new Set<string>();
  if (input.sessionId) families.add(input.sessionId);
  if (input.refreshToken) {
    const row = await deps.store.auth.findRefreshToken(await deps.secrets.hash(input.refreshToken));
    if (row && row.user_id === input.userId) families.add(row.family_id);
  }
  for (const family of families) await deps.store.auth.revokeFamily(family, now);
  await deps.store.audit.record({
    actor_id: input.userId,
    action: "auth.logout",
    entity_type: "user",
    entity_id: input.userId,
  });
}

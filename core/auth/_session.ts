/**
 * Starting and continuing a session: a refresh token (opaque, stored hashed)
 * in a family, plus a short-lived access token. Shared by login and refresh.
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import type { User } from "../users/schemas.ts";
import type { TokenResponse } from "./schemas.ts";

/** The family a refresh continues; absent for a new login. */
export interface FamilyRef {
  family_id: string;
  parent_id: string;
  family_expires_at: Date;
}

/**
 * Issues the next refresh token of `family` (or of a new family) and an access
 * token for `user`. Rotation never extends the family's absolute lifetime.
 */
export async function issueTokens(
  deps: CoreDeps,
  tx: Repositories,
  user: User,
  family?: FamilyRef,
): Promise<TokenResponse> {
  const now = deps.clock.now();
  const ttl = deps.auth.refreshTtlSeconds;
  const familyExpires = family?.family_expires_at ?? new Date(now.getTime() + ttl * 1000);
  const expires = new Date(Math.min(now.getTime() + ttl * 1000, familyExpires.getTime()));
  const refresh = await deps.secrets.issue();
  const familyId = family?.family_id ?? crypto.randomUUID();
  await tx.auth.insertRefreshToken({
    family_id: familyId,
    parent_id: family?.parent_id ?? null,
    user_id: user.id,
    token_hash: refresh.hash,
    expires_at: expires,
    family_expires_at: familyExpires,
  });
  const access = await deps.accessTokens.sign(
    { sub: user.id, email: user.email, role: user.role, sid: familyId },
    now,
  );
  return {
    access_token: access,
    refresh_token: refresh.token,
    token_type: "Bearer",
    expires_in: deps.auth.accessTtlSeconds,
    refresh_expires_in: Math.round((expires.getTime() - now.getTime()) / 1000),
    user,
  };
}

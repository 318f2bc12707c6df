/**
 * Refresh-token rotation with reuse detection (the Auth0 model): each refresh
 * uses up the presented token and issues its successor in the same family;
 * presenting a used token again revokes the whole family.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { issueTokens } from "./_session.ts";
import type { TokenResponse } from "./schemas.ts";

/**
 * How long the immediately previous token may be presented again without
 * counting as theft (a client retrying a lost response). It still gets a 401:
 * only one successor is ever issued.
 */
export const REUSE_LEEWAY_SECONDS = 10;

function unauthenticated(message: string): DomainError {
  return new DomainError("unauthenticated", message);
}

/** Rotates `refreshToken`: returns a new access and refresh token, or throws 401. */
export async function refreshSession(
  deps: CoreDeps,
  refreshToken: string | undefined,
): Promise<TokenResponse> {
  if (!refreshToken) throw unauthenticated("Refresh token required");
  const now = deps.clock.now();
  const hash = await deps.secrets.hash(refreshToken);
  const issued = await deps.store.transaction(async (tx) => {
    const claimed = await tx.auth.claimRefreshToken(hash, now);
    if (!claimed) return null;
    const user = await tx.users.findById(claimed.user_id);
    if (!user || user.status !== "active") return "inactive" as const;
    return await issueTokens(deps, tx, user, {
      family_id: claimed.family_id,
      parent_id: claimed.id,
      family_expires_at: claimed.family_expires_at,
    });
  });
  if (issued === "inactive") throw unauthenticated("Invalid refresh token");
  if (issued) return issued;

  const row = await deps.store.auth.findRefreshToken(hash);
  if (!row || row.revoked_at) throw unauthenticated("Invalid refresh token");
  if (row.used_at) {
    const sinceUse = (now.getTime() - row.used_at.getTime()) / 1000;
    if (sinceUse <= REUSE_LEEWAY_SECONDS && await deps.store.auth.familyHasSuccessor(row.id)) {
      throw unauthenticated("Refresh token already used");
    }
    const revoked = await deps.store.auth.revokeFamily(row.family_id, now);
    await deps.store.audit.record({
      actor_id: row.user_id,
      action: "auth.refresh_reuse_detected",
      entity_type: "refresh_family",
      entity_id: row.family_id,
      details: { revoked_tokens: revoked },
    });
    throw unauthenticated("Refresh token reuse detected; please log in again");
  }
  if (row.expires_at <= now) throw unauthenticated("Refresh token expired, please log in again");
  throw unauthenticated("Invalid refresh token");
}

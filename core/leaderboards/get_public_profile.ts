import { notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { periodKeys } from "./board_keys.ts";
import type { PublicProfile } from "./schemas.ts";

/**
 * What anyone signed in may see of a user: display name, tier, total points
 * earned and rank on each current board. Never email, date of birth or state.
 * Users who cannot appear on boards (deleted, suspended, banned) are not found.
 *
 * @example await getPublicProfile(deps, userId)
 */
export async function getPublicProfile(deps: CoreDeps, userId: string): Promise<PublicProfile> {
  const user = await deps.store.users.findById(userId);
  if (!user?.profile || user.status === "suspended" || user.status === "banned") {
    throw notFound("User", userId);
  }
  const standings = await deps.store.leaderboards.standings(
    userId,
    periodKeys(deps.clock.now(), deps.timeZone),
  );
  return {
    user_id: user.id,
    display_name: user.profile.display_name,
    tier_code: user.profile.tier_code,
    points_earned_total: user.points_earned_total,
    member_since: user.created_at,
    ranks: standings,
  };
}

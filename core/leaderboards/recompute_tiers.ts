import type { CoreDeps } from "../ports.ts";
import { platformDate } from "../time/platform_day.ts";
import { updateUser } from "../users/user_operations.ts";

/**
 * Moves every user whose birthday has crossed an age bracket to the new tier
 * (with their current period totals), as the daily job does. Goes through the
 * same update as a profile edit, so the audit log records each move.
 *
 * @example await recomputeTiers(deps) // { checked: 3, moved: 3 }
 */
export async function recomputeTiers(deps: CoreDeps): Promise<{ checked: number; moved: number }> {
  const today = platformDate(deps.clock.now(), deps.timeZone);
  const stale = await deps.store.leaderboards.staleAgeBrackets(today);
  let moved = 0;
  for (const { user_id, date_of_birth } of stale) {
    const before = await deps.store.users.findById(user_id);
    const after = await updateUser(deps, user_id, { date_of_birth });
    if (before?.profile?.tier_code !== after.profile?.tier_code) moved++;
  }
  return { checked: stale.length, moved };
}

import type { Repositories } from "../ports.ts";
import { periodKeys } from "./board_keys.ts";

/**
 * Brings a user's boards in line with their profile and account, inside the
 * caller's transaction: after a tier change the current day, week, month and
 * all-time totals move to the new tier's boards (past periods stay where they
 * were earned); a soft-deleted, suspended or banned user leaves every board.
 *
 * @example await syncLeaderboardUser(tx, { userId, now: clock.now(), timeZone })
 */
export async function syncLeaderboardUser(
  tx: Pick<Repositories, "leaderboards">,
  options: { userId: string; now: Date; timeZone: string },
): Promise<void> {
  await tx.leaderboards.syncUser(options.userId, periodKeys(options.now, options.timeZone));
}

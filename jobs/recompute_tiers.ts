import { recomputeTiers } from "../core/leaderboards/recompute_tiers.ts";
import type { Services } from "../services.ts";

/** Daily: users whose birthday crossed an age bracket move to their new tier's boards. */
export async function recomputeTiersTick(services: Services, now: Date): Promise<string> {
  // Ages are taken on the tick's day, not the wall clock's.
  const { checked, moved } = await recomputeTiers({ ...services.core, clock: { now: () => now } });
  return `${checked} profiles past an age bracket, ${moved} moved tier`;
}

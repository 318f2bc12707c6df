/**
 * How due webhook events are grouped into transactions.
 *
 * @module
 */
import type { DueEvent } from "./repo.ts";

/**
 * Splits due events into batches: all due events of one Terra user land in
 * the same batch (in arrival order), and each batch is ordered by Terra user,
 * so concurrent batches take their user locks in one global order.
 */
export function planBatches(due: readonly DueEvent[], size: number): string[][] {
  const byUser = new Map<string, string[]>();
  for (const event of due) {
    const user = event.terra_user_id ?? "";
    const ids = byUser.get(user) ?? [];
    ids.push(event.trace_id);
    byUser.set(user, ids);
  }
  const batches: string[][] = [];
  let current: string[] = [];
  for (const user of [...byUser.keys()].sort()) {
    if (current.length > 0 && current.length + byUser.get(user)!.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...byUser.get(user)!);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

import type { CoreDeps } from "../ports.ts";
import type { TrackerConnection } from "./schemas.ts";

/**
 * The caller's live tracker connections, primary first.
 *
 * @example
 * ```ts
 * const connections = await listConnections(deps, user.id);
 * ```
 */
export async function listConnections(
  deps: CoreDeps,
  userId: string,
): Promise<TrackerConnection[]> {
  return await deps.store.trackers.listForUser(userId);
}

import type { CoreDeps } from "../ports.ts";
import type { TrackerProvider } from "../ingest/schemas.ts";
import { ownConnection } from "./_deps.ts";
import type { TrackerConnection } from "./schemas.ts";

/**
 * Makes the caller's `provider` connection the primary one (it wins when two
 * trackers report the same workout or day); the previous primary is demoted
 * in the same transaction.
 *
 * @example
 * ```ts
 * await setPrimaryConnection(deps, { userId, provider: "google_fit" });
 * ```
 */
export async function setPrimaryConnection(
  deps: CoreDeps,
  input: { userId: string; provider: TrackerProvider },
): Promise<TrackerConnection[]> {
  const connection = await ownConnection(deps, input.userId, input.provider);
  await deps.store.transaction(async (tx) => {
    await tx.trackers.setPrimary(input.userId, connection.id);
    await tx.audit.record({
      actor_id: input.userId,
      action: "connection.primary",
      entity_type: "tracker_connection",
      entity_id: connection.id,
      details: { provider: input.provider },
    });
  });
  return await deps.store.trackers.listForUser(input.userId);
}

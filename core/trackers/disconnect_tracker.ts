import type { TrackerProvider } from "../ingest/schemas.ts";
import { ownConnection, type TrackerDeps } from "./_deps.ts";
import { TrackerGatewayError } from "./gateway.ts";
import { PROVIDER_LABELS } from "./schemas.ts";

/**
 * Disconnects a tracker: access is revoked at the aggregator, the connection
 * is removed (soft-deleted) and its activities and their points stay. If it
 * was primary, the oldest remaining connection becomes primary. An aggregator
 * that is down does not block the user from disconnecting: its later `deauth`
 * webhook, or none, changes nothing here.
 *
 * @example
 * ```ts
 * const { message } = await disconnectTracker(deps, { userId, provider: "fitbit" });
 * ```
 */
export async function disconnectTracker(
  deps: TrackerDeps,
  input: { userId: string; provider: TrackerProvider },
): Promise<{ message: string; revoked: boolean }> {
  const connection = await ownConnection(deps, input.userId, input.provider);
  let revoked = false;
  if (connection.terraUserId) {
    try {
      await deps.trackers.disconnect(connection.terraUserId);
      revoked = true;
    } catch (error) {
      if (!(error instanceof TrackerGatewayError)) throw error;
    }
  }
  await deps.store.transaction(async (tx) => {
    await tx.trackers.remove(input.userId, connection.id);
    await tx.audit.record({
      actor_id: input.userId,
      action: "connection.disconnected",
      entity_type: "tracker_connection",
      entity_id: connection.id,
      details: { provider: input.provider, revoked_at_aggregator: revoked },
    });
  });
  return { message: `${PROVIDER_LABELS[input.provider]} disconnected`, revoked };
}

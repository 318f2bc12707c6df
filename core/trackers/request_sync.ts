import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { TrackerProvider } from "../ingest/schemas.ts";
import { ownConnection } from "./_deps.ts";
import { PROVIDER_LABELS } from "./schemas.ts";

/** One manual sync per connection per 5 minutes. */
export const MANUAL_SYNC_WINDOW_SECONDS = 300;
export const MANUAL_SYNC_LIMIT_MESSAGE = "Manual sync allowed once per 5 minutes";

/**
 * Queues a sync of the caller's `provider` connection ahead of the 15-minute
 * cycle. The 5-minute limit is claimed atomically in the database, so it
 * holds across instances and racing requests.
 *
 * @example
 * ```ts
 * await requestManualSync(deps, { userId, provider: "fitbit" }); // { message: "Sync queued" }
 * ```
 */
export async function requestManualSync(
  deps: CoreDeps,
  input: { userId: string; provider: TrackerProvider },
): Promise<{ message: string; connection_id: string; provider: TrackerProvider }> {
  const connection = await ownConnection(deps, input.userId, input.provider);
  const now = deps.clock.now();
  const repo = deps.store.trackers;
  if (!await repo.claimManualSync(connection.id, now, MANUAL_SYNC_WINDOW_SECONDS)) {
    const wait = await repo.manualSyncWait(connection.id, now, MANUAL_SYNC_WINDOW_SECONDS);
    throw new DomainError("rate_limited", MANUAL_SYNC_LIMIT_MESSAGE, {
      retryAfterSeconds: Math.max(1, wait),
    });
  }
  await repo.requestSync(connection.id, now);
  return {
    message: `Sync queued for ${PROVIDER_LABELS[input.provider]}`,
    connection_id: connection.id,
    provider: input.provider,
  };
}

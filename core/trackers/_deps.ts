import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { TrackerProvider } from "../ingest/schemas.ts";
import { type TrackerGateway, TrackerGatewayError } from "./gateway.ts";
import type { SyncTarget } from "./repo.ts";
import { PROVIDER_LABELS } from "./schemas.ts";

/** What the tracker operations take: the core ports plus the aggregator gateway. */
export interface TrackerDeps extends CoreDeps {
  trackers: TrackerGateway;
}

/** The caller's live connection to `provider`, or a 404 naming it. */
export async function ownConnection(
  deps: CoreDeps,
  userId: string,
  provider: TrackerProvider,
): Promise<SyncTarget> {
  const connection = await deps.store.trackers.findForUser(userId, provider);
  if (!connection) {
    throw new DomainError("not_found", `You have no ${PROVIDER_LABELS[provider]} connection.`);
  }
  return connection;
}

/** Runs a gateway call; an aggregator that is down becomes a 503 the caller can retry. */
export async function viaGateway<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TrackerGatewayError) {
      throw new DomainError(
        "service_unavailable",
        "The tracker service did not answer; try again in a minute.",
      );
    }
    throw error;
  }
}

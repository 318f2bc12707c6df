import { DomainError, invalidField } from "../errors.ts";
import type { TrackerProvider } from "../ingest/schemas.ts";
import { type TrackerDeps, viaGateway } from "./_deps.ts";
import { type CallbackQuery, PROVIDER_LABELS } from "./schemas.ts";

/** Where the browser goes after the callback, and what happened. */
export interface CallbackOutcome {
  connected: boolean;
  provider: TrackerProvider;
  connection_id: string | null;
  message: string;
  redirect: string;
}

function refused(field: string, message: string): DomainError {
  return new DomainError("bad_request", `${field} ${message}`, { errors: [{ field, message }] });
}

/**
 * The OAuth callback (Terra redirects the browser here). The `state` must be
 * one this server issued for this provider, unused and unexpired; Terra's
 * `reference_id` and the Terra user's own reference id must both name the
 * user who started it. Only then is the connection stored (first one
 * primary), with a sync queued at once.
 *
 * @example
 * ```ts
 * const outcome = await completeConnection(deps, { provider: "fitbit", query });
 * ```
 */
export async function completeConnection(
  deps: TrackerDeps,
  input: { provider: TrackerProvider; query: CallbackQuery },
): Promise<CallbackOutcome> {
  const { provider, query } = input;
  const label = PROVIDER_LABELS[provider];
  if (!query.state) throw invalidField("state", "is required");
  const now = deps.clock.now();
  const state = await deps.store.trackers.consumeState(await deps.secrets.hash(query.state), now);
  if (!state) throw refused("state", "is unknown, expired or already used");
  if (state.provider !== provider) throw refused("state", `was not issued for ${label}`);
  if (query.reference_id && query.reference_id !== state.userId) {
    throw refused("reference_id", "does not match the user who started the connection");
  }
  const dashboard = `${deps.auth.appUrl}/test/`;
  if (query.outcome === "failure") {
    return {
      connected: false,
      provider,
      connection_id: null,
      message: `${label} was not connected`,
      redirect: `${dashboard}?connect_error=${provider}`,
    };
  }
  if (!query.user_id) throw invalidField("user_id", "is required");
  const terraUser = await viaGateway(() => deps.trackers.findUser(query.user_id!));
  if (!terraUser) throw refused("user_id", "is not known to the tracker service");
  if (terraUser.referenceId !== state.userId) {
    throw refused("user_id", "belongs to another user");
  }
  if (terraUser.provider !== provider) throw refused("resource", `is not ${label}`);
  const connection = await deps.store.transaction(async (tx) => {
    const attached = await tx.ingest.attachConnection({
      userId: state.userId,
      provider,
      terraUserId: terraUser.terraUserId,
    });
    await tx.trackers.requestSync(attached.id, now);
    await tx.ingest.unparkEvents(terraUser.terraUserId);
    await tx.audit.record({
      actor_id: state.userId,
      action: "connection.connected",
      entity_type: "tracker_connection",
      entity_id: attached.id,
      details: { provider, primary: attached.isPrimary },
    });
    return attached;
  });
  return {
    connected: true,
    provider,
    connection_id: connection.id,
    message: `${label} connected`,
    redirect: `${dashboard}?connected=${provider}`,
  };
}

/**
 * Test support for tracker connections: a context whose simulated Terra
 * answers only what a test puts in it (no synthesized data), and a connect
 * helper that goes through the real initiate → callback flow.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Clock } from "../../../core/time/clock.ts";
import type { User } from "../../../core/users/schemas.ts";
import type { TerraSimulator } from "../../../integrations/terra/simulator.ts";
import { authUser } from "../../_support/auth.ts";
import { type TestContext, testContext } from "../../_support/services.ts";

export interface TrackerContext {
  t: TestContext;
  sim: TerraSimulator;
  close(): Promise<void>;
}

export async function trackerContext(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TrackerContext> {
  const t = await testContext(options);
  const terra = t.services.terra;
  terra.synthesize = false;
  terra.bindWebhooks((request) => Promise.resolve(t.app.fetch(request)));
  return { t, sim: terra.simulator!, close: () => t.close() };
}

export interface Connected {
  user: User;
  headers: Record<string, string>;
  connectionId: string;
  terraUserId: string;
}

/** POST initiate, then follow the (simulated) widget's redirect to the callback. */
export async function initiate(
  t: TestContext,
  headers: Record<string, string>,
  provider = "fitbit",
): Promise<{ status: number; body: Record<string, unknown>; callback: URL | null }> {
  const response = await t.request(`/api/v1/connections/${provider}/initiate`, {
    method: "POST",
    headers,
  });
  const body = await response.json();
  const callback = typeof body.auth_url === "string" ? new URL(body.auth_url) : null;
  return { status: response.status, body, callback };
}

/** Requests a callback URL (path and query only, in-process). */
export function follow(t: TestContext, url: URL): Promise<Response> {
  return t.request(`${url.pathname}${url.search}`);
}

/** A fresh user connected to `provider` (a web provider) through the real HTTP flow. */
export async function connectedUser(
  t: TestContext,
  options: { provider?: string; user?: { user: User; headers: Record<string, string> } } = {},
): Promise<Connected> {
  const provider = options.provider ?? "fitbit";
  const { user, headers } = options.user ?? await authUser(t, "user");
  const { callback } = await initiate(t, headers, provider);
  if (!callback) throw new Error("initiate did not answer a widget URL");
  const response = await follow(t, callback);
  await response.body?.cancel();
  if (response.status !== 302) throw new Error(`callback answered ${response.status}`);
  const connection = await t.services.core.store.trackers.findForUser(user.id, provider as never);
  if (!connection?.terraUserId) throw new Error("callback did not store a connection");
  return { user, headers, connectionId: connection.id, terraUserId: connection.terraUserId };
}

/** Sets a connection's last sync `minutes` ago (and clears any queued sync). */
export async function lastSyncedAgo(t: TestContext, id: string, minutes: number): Promise<void> {
  await t.services.db.rows(
    sql`UPDATE tracker_connections SET last_sync_at = now() - make_interval(mins => ${minutes}),
        sync_requested_at = NULL WHERE id = ${id}`,
  );
}

/** One connection row's sync columns. */
export async function syncRow(t: TestContext, id: string) {
  const [row] = await t.services.db.rows<{
    status: string;
    sync_status: string;
    sync_attempts: number;
    last_sync_at: string | null;
    next_sync_at: string | null;
    last_sync_error: string | null;
  }>(
    sql`SELECT status, sync_status, sync_attempts, last_sync_at, next_sync_at, last_sync_error
        FROM tracker_connections WHERE id = ${id}`,
  );
  return row;
}

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { terraActivity, terraDaily } from "../../../integrations/terra/sim_payloads.ts";
import { syncTrackersTick } from "../../../jobs/sync_trackers.ts";
import { connectedUser, lastSyncedAgo, syncRow, trackerContext } from "./_trackers.ts";
import type { TestContext } from "../../_support/services.ts";
import type { TerraSimulator } from "../../../integrations/terra/simulator.ts";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const today = () => new Date().toISOString().slice(0, 10);

function feed(sim: TerraSimulator, terraUserId: string) {
  const data = sim.data.get(terraUserId)!;
  data.activity.push(
    terraActivity({
      summaryId: "run-1",
      start: minutesAgo(90).toISOString(),
      minutes: { moderate: 45 },
    }),
    terraActivity({
      summaryId: "ride-1",
      start: minutesAgo(200).toISOString(),
      minutes: { vigorous: 25 },
    }),
  );
  data.daily.push(
    terraDaily({ date: today(), steps: 10_000, minutes: { moderate: 70, vigorous: 25 } }),
  );
}

async function activityCount(t: TestContext, userId: string): Promise<number> {
  const [row] = await t.services.db.rows<{ n: string }>(
    sql`SELECT count(*) AS n FROM activities WHERE user_id = ${userId}`,
  );
  return Number(row.n);
}

async function ledgerSum(t: TestContext, userId: string): Promise<number> {
  const [row] = await t.services.db.rows<{ s: string | null }>(
    sql`SELECT sum(amount) AS s FROM point_transactions WHERE user_id = ${userId}`,
  );
  return Number(row.s ?? 0);
}

Deno.test("sync job - a connection last synced 16 minutes ago is read from Terra, ingested and paid; 10 minutes ago is not due", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const due = await connectedUser(t);
    const fresh = await connectedUser(t);
    feed(sim, due.terraUserId);
    feed(sim, fresh.terraUserId);
    await lastSyncedAgo(t, due.connectionId, 16);
    await lastSyncedAgo(t, fresh.connectionId, 10);
    const before = sim.requests.length;

    const summary = await syncTrackersTick(t.services, new Date());
    assert.match(summary, /1 due, 1 synced/);
    const calls = sim.requests.slice(before).map((r) => r.path);
    assert.deepEqual(calls, ["/activity", "/daily"]);

    // 2 workouts + the day's steps and active minutes rows.
    assert.equal(await activityCount(t, due.user.id), 4);
    assert.equal(await activityCount(t, fresh.user.id), 0);
    const [row] = await t.services.db.rows<{ n: string; paid: string }>(
      sql`SELECT count(*) AS n, sum(points_earned) AS paid FROM activities
          WHERE user_id = ${due.user.id} AND metrics ? 'provider_record'`,
    );
    assert.equal(Number(row.n), 4, "every activity keeps the raw provider record");
    assert.ok(Number(row.paid) > 0);
    assert.equal(await ledgerSum(t, due.user.id), Number(row.paid), "ledger = activities' points");

    const state = await syncRow(t, due.connectionId);
    assert.equal(state.sync_status, "success");
    assert.ok(Date.now() - Date.parse(state.last_sync_at!) < 60_000, "last_sync_at moved to now");

    // Running again pays nothing more: same records, same totals.
    const paid = await ledgerSum(t, due.user.id);
    await lastSyncedAgo(t, due.connectionId, 20);
    await syncTrackersTick(t.services, new Date());
    assert.equal(await ledgerSum(t, due.user.id), paid);
    assert.equal(await activityCount(t, due.user.id), 4);
  } finally {
    await close();
  }
});

Deno.test("sync job - a queued manual sync is served before the 15 minutes are up", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    feed(sim, c.terraUserId);
    await lastSyncedAgo(t, c.connectionId, 2);
    assert.match(await syncTrackersTick(t.services, new Date()), /0 due/);
    const queued = await t.request("/api/v1/connections/fitbit/sync", {
      method: "POST",
      headers: c.headers,
    });
    assert.equal(queued.status, 202);
    await queued.body?.cancel();
    assert.match(await syncTrackersTick(t.services, new Date()), /1 due, 1 synced/);
    assert.equal(await activityCount(t, c.user.id), 4);
  } finally {
    await close();
  }
});

Deno.test("sync job - Terra 503s: retried with backoff, 'error' after 3 attempts, then the next cycle succeeds", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    feed(sim, c.terraUserId);
    // Every client call retries 4 times; 3 job attempts need 12 failures.
    sim.fail(12, { status: 503 });
    let now = new Date();
    assert.match(await syncTrackersTick(t.services, now), /1 retrying/);
    let row = await syncRow(t, c.connectionId);
    assert.deepEqual([row.sync_status, row.sync_attempts], ["failed", 1]);
    assert.equal(Date.parse(row.next_sync_at!) - now.getTime(), 60_000, "retry after 1 minute");
    assert.match(row.last_sync_error ?? "", /503/);

    // Not due again before the backoff.
    assert.match(await syncTrackersTick(t.services, new Date(now.getTime() + 30_000)), /0 due/);
    now = new Date(now.getTime() + 61_000);
    await syncTrackersTick(t.services, now);
    row = await syncRow(t, c.connectionId);
    assert.deepEqual([row.sync_status, row.sync_attempts], ["failed", 2]);
    assert.equal(Date.parse(row.next_sync_at!) - now.getTime(), 120_000, "then after 2 minutes");

    now = new Date(now.getTime() + 121_000);
    assert.match(await syncTrackersTick(t.services, now), /1 in error/);
    row = await syncRow(t, c.connectionId);
    assert.equal(row.sync_status, "error");
    assert.equal(row.status, "active", "a Terra outage is not the user's problem");
    assert.equal(
      Date.parse(row.next_sync_at!) - now.getTime(),
      15 * 60_000,
      "skipped to the next cycle",
    );
    assert.equal(await activityCount(t, c.user.id), 0, "nothing half-written");

    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    assert.match(await syncTrackersTick(t.services, now), /1 synced/);
    row = await syncRow(t, c.connectionId);
    assert.deepEqual([row.sync_status, row.sync_attempts, row.last_sync_error], [
      "success",
      0,
      null,
    ]);
    assert.equal(await activityCount(t, c.user.id), 4);
  } finally {
    await close();
  }
});

Deno.test("sync job - Terra 429 with Retry-After and a timeout are retried inside one attempt", async () => {
  const { t, sim, close } = await trackerContext({ env: { TERRA_TIMEOUT_MS: "200" } });
  try {
    const c = await connectedUser(t);
    feed(sim, c.terraUserId);
    sim.fail(1, { status: 429, retryAfter: 0 });
    sim.fail(1, { status: 200, delayMs: 400 });
    assert.match(await syncTrackersTick(t.services, new Date()), /1 synced/);
    assert.equal(await activityCount(t, c.user.id), 4);
    const row = await syncRow(t, c.connectionId);
    assert.equal(row.sync_status, "success");
  } finally {
    await close();
  }
});

Deno.test("sync job - a Terra user that is gone marks the connection and mails the user once", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    sim.users.delete(c.terraUserId);
    assert.match(await syncTrackersTick(t.services, new Date()), /1 need reconnecting/);
    const row = await syncRow(t, c.connectionId);
    assert.deepEqual([row.status, row.sync_status], ["error", "error"]);
    const mails = await t.services.db.rows<{ subject: string }>(
      sql`SELECT subject FROM outbox WHERE recipient = ${c.user.email}`,
    );
    assert.deepEqual(mails.map((m) => m.subject), ["Reconnect Fitbit to keep earning points"]);
    // It waits for the user now: no further syncs, no further mails.
    await lastSyncedAgo(t, c.connectionId, 60);
    assert.match(await syncTrackersTick(t.services, new Date()), /0 due/);

    // Reconnecting makes it active again.
    await connectedUser(t, { user: { user: c.user, headers: c.headers } });
    const after = await syncRow(t, c.connectionId);
    assert.equal(after.status, "active");
  } finally {
    await close();
  }
});

Deno.test("sync job - the same workout from two trackers is stored once for points: the primary wins", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    const google = sim.addUser("GOOGLEFIT", c.user.id);
    await sim.send({ type: "auth", status: "success", user: google, reference_id: c.user.id });
    const { processWebhooksTick } = await import("../../../jobs/process_webhooks.ts");
    await processWebhooksTick(t.services, new Date());
    const start = minutesAgo(120).toISOString();
    for (const id of [c.terraUserId, google.user_id]) {
      sim.data.get(id)!.activity.push(
        terraActivity({ summaryId: `same-${id}`, start, minutes: { vigorous: 30 } }),
      );
    }
    assert.match(await syncTrackersTick(t.services, new Date()), /2 due, 2 synced/);
    const rows = await t.services.db.rows<
      { primary: boolean; points: number; duplicate_of: string | null }
    >(
      sql`SELECT c.is_primary AS primary, a.points_earned AS points,
                 a.metrics->'points'->>'duplicate_of' AS duplicate_of
          FROM activities a JOIN tracker_connections c ON c.id = a.connection_id
          WHERE a.user_id = ${c.user.id} AND a.activity_type = 'workout'`,
    );
    assert.equal(rows.length, 2);
    const primary = rows.find((r) => r.primary)!;
    const other = rows.find((r) => !r.primary)!;
    assert.ok(primary.points > 0, "the primary's copy earns");
    assert.ok(other.duplicate_of, "the other copy is logged as a duplicate");
    assert.equal(await ledgerSum(t, c.user.id), primary.points + other.points);
  } finally {
    await close();
  }
});

Deno.test("connections - Terra down: initiate answers 503, disconnect still works and keeps data", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    sim.fail(8, { status: 503 });
    const start = await t.request("/api/v1/connections/fitbit/initiate", {
      method: "POST",
      headers: c.headers,
    });
    assert.equal(start.status, 503);
    assert.match(start.headers.get("content-type") ?? "", /problem\+json/);
    await start.body?.cancel();
    const bye = await t.request("/api/v1/connections/fitbit", {
      method: "DELETE",
      headers: c.headers,
    });
    assert.equal(bye.status, 200);
    await bye.body?.cancel();
    assert.equal(await t.services.core.store.trackers.findForUser(c.user.id, "fitbit"), null);
  } finally {
    await close();
  }
});

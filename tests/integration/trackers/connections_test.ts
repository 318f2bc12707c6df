import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { authUser } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { connectedUser, follow, initiate, trackerContext } from "./_trackers.ts";

type Item = { provider: string; is_primary: boolean; status: string; sync_status: string };

Deno.test("connections - initiate answers a widget URL for Fitbit and an SDK token for Apple Health", async () => {
  const { t, close } = await trackerContext();
  try {
    const { headers, user } = await authUser(t, "user");
    const web = await initiate(t, headers, "fitbit");
    assert.equal(web.status, 200);
    assert.equal(web.body.flow, "widget");
    assert.equal(typeof web.body.session_token, "string");
    assert.equal(web.body.expires_in, 900);
    assert.ok(web.callback?.searchParams.get("state"), "the redirect carries our state");
    assert.equal(web.callback?.searchParams.get("reference_id"), user.id);

    const sdk = await initiate(t, headers, "apple_health");
    assert.equal(sdk.status, 200);
    assert.equal(sdk.body.flow, "sdk");
    assert.match(String(sdk.body.sdk_token), /^[0-9a-f]{32}$/);
    assert.equal(sdk.body.reference_id, user.id);

    await expectProblem(
      await t.request("/api/v1/connections/garmin/initiate", { method: "POST", headers }),
      400,
      "provider",
    );
    await expectProblem(
      await t.request("/api/v1/connections/fitbit/initiate", { method: "POST" }),
      401,
    );
  } finally {
    await close();
  }
});

Deno.test("connections - the callback stores a primary connection, queues a sync and redirects", async () => {
  const { t, close } = await trackerContext();
  try {
    const { headers } = await authUser(t, "user");
    const { callback } = await initiate(t, headers);
    const response = await follow(t, callback!);
    assert.equal(response.status, 302);
    assert.match(response.headers.get("location") ?? "", /\/test\/\?connected=fitbit$/);

    const body = await expectJson<{ items: Item[]; providers: unknown[] }>(
      await t.request("/api/v1/connections", { headers }),
      200,
    );
    assert.equal(body.items.length, 1);
    const [item] = body.items;
    assert.deepEqual([item.provider, item.is_primary, item.status], ["fitbit", true, "active"]);
    assert.equal(body.items[0].sync_status, "pending");
    assert.equal((body.items[0] as unknown as { sync_requested: boolean }).sync_requested, true);
    assert.equal(body.providers.length, 3);

    // The same state cannot be used twice.
    const again = await follow(t, callback!);
    await expectProblem(again, 400, "state");
  } finally {
    await close();
  }
});

Deno.test("connections - CSRF: a state bound to another user, a foreign Terra user or a tampered reference is refused", async () => {
  const { t, close } = await trackerContext();
  try {
    const alice = await authUser(t, "user");
    const mallory = await authUser(t, "user");
    const a = await initiate(t, alice.headers);
    const m = await initiate(t, mallory.headers);

    // Mallory's Terra user completed on Alice's state.
    const swapped = new URL(a.callback!);
    swapped.searchParams.set("user_id", m.callback!.searchParams.get("user_id")!);
    swapped.searchParams.set("reference_id", alice.user.id);
    await expectProblem(await follow(t, swapped), 400, "user_id");

    // reference_id naming someone else than the state's user.
    const tampered = new URL(m.callback!);
    tampered.searchParams.set("reference_id", alice.user.id);
    await expectProblem(await follow(t, tampered), 400, "reference_id");

    // A made-up state, a missing state, and a Fitbit state used for another provider.
    const forged = new URL(a.callback!);
    forged.searchParams.set("state", "forged-state-value");
    await expectProblem(await follow(t, forged), 400, "state");
    const missing = new URL(a.callback!);
    missing.searchParams.delete("state");
    await expectProblem(await follow(t, missing), 422, "state");
    const fresh = await initiate(t, alice.headers);
    const wrongProvider = new URL(fresh.callback!);
    wrongProvider.pathname = wrongProvider.pathname.replace("/fitbit/", "/google_fit/");
    await expectProblem(await follow(t, wrongProvider), 400, "state");

    const [{ n }] = await t.services.db.rows<{ n: string }>(
      sql`SELECT count(*) AS n FROM tracker_connections`,
    );
    assert.equal(Number(n), 0, "no refused callback stored a connection");
  } finally {
    await close();
  }
});

Deno.test("connections - a failed widget redirects with connect_error and stores nothing", async () => {
  const { t, close } = await trackerContext();
  try {
    const { headers } = await authUser(t, "user");
    const { callback } = await initiate(t, headers);
    const failed = new URL(callback!);
    failed.searchParams.set("outcome", "failure");
    const response = await follow(t, failed);
    assert.equal(response.status, 302);
    assert.match(response.headers.get("location") ?? "", /connect_error=fitbit/);
    const body = await expectJson<{ items: Item[] }>(
      await t.request("/api/v1/connections", { headers }),
      200,
    );
    assert.equal(body.items.length, 0);
  } finally {
    await close();
  }
});

Deno.test("connections - second tracker is not primary; set-primary swaps; disconnect keeps activities and promotes the other", async () => {
  const { t, sim, close } = await trackerContext();
  try {
    const first = await connectedUser(t);
    // Google Fit is SDK-only: its connection arrives with Terra's auth webhook.
    const terra = sim.addUser("GOOGLEFIT", first.user.id);
    const { response } = await sim.send({
      type: "auth",
      status: "success",
      user: terra,
      reference_id: first.user.id,
      version: "2022-03-16",
    });
    assert.equal(response.status, 200);
    const { processWebhooksTick } = await import("../../../jobs/process_webhooks.ts");
    await processWebhooksTick(t.services, new Date());

    const list = async () =>
      (await expectJson<{ items: Item[] }>(
        await t.request("/api/v1/connections", { headers: first.headers }),
        200,
      )).items;
    let items = await list();
    assert.deepEqual(items.map((i) => [i.provider, i.is_primary]), [
      ["fitbit", true],
      ["google_fit", false],
    ]);
    assert.ok(items.every((i) => i.status === "active"));

    const swapped = await expectJson<{ items: Item[] }>(
      await t.request("/api/v1/connections/google_fit/set-primary", {
        method: "PUT",
        headers: first.headers,
      }),
      200,
    );
    assert.deepEqual(swapped.items.map((i) => [i.provider, i.is_primary]), [
      ["google_fit", true],
      ["fitbit", false],
    ]);

    // An activity from Google Fit, then disconnect Google Fit.
    const gfit = await t.services.core.store.trackers.findForUser(first.user.id, "google_fit");
    await t.services.db.rows(
      sql`INSERT INTO activities (user_id, connection_id, external_id, activity_type, start_time, duration_minutes, points_earned)
          VALUES (${first.user.id}, ${gfit!.id}, 'kept-1', 'workout', now(), 30, 60)`,
    );
    const bye = await expectJson<{ message: string }>(
      await t.request("/api/v1/connections/google_fit", {
        method: "DELETE",
        headers: first.headers,
      }),
      200,
    );
    assert.equal(bye.message, "Google Fit disconnected");
    assert.equal(sim.users.has(terra.user_id), false, "deauthenticated at Terra");
    items = await list();
    assert.deepEqual(items.map((i) => [i.provider, i.is_primary]), [["fitbit", true]]);
    const [{ n }] = await t.services.db.rows<{ n: string }>(
      sql`SELECT count(*) AS n FROM activities WHERE external_id = 'kept-1'`,
    );
    assert.equal(Number(n), 1, "the activity stays");

    await expectProblem(
      await t.request("/api/v1/connections/google_fit", {
        method: "DELETE",
        headers: first.headers,
      }),
      404,
    );
    await expectProblem(
      await t.request("/api/v1/connections/apple_health/set-primary", {
        method: "PUT",
        headers: first.headers,
      }),
      404,
    );
  } finally {
    await close();
  }
});

Deno.test("connections - manual sync answers 202 'Sync queued', then 429 within 5 minutes", async () => {
  const { t, close } = await trackerContext();
  try {
    const { headers } = await connectedUser(t);
    const sync = () => t.request("/api/v1/connections/fitbit/sync", { method: "POST", headers });
    const first = await expectJson<{ message: string }>(await sync(), 202);
    assert.match(first.message, /^Sync queued/);
    const second = await sync();
    assert.equal(second.status, 429);
    const retry = Number(second.headers.get("retry-after"));
    assert.ok(retry > 0 && retry <= 300, `retry-after ${retry}`);
    const problem = await expectProblem(second, 429);
    assert.equal(problem.detail, "Manual sync allowed once per 5 minutes");

    // Two racing requests on a fresh window: exactly one is queued.
    await t.services.db.rows(
      sql`UPDATE tracker_connections SET manual_sync_at = now() - interval '6 minutes'`,
    );
    const raced = await Promise.all([sync(), sync(), sync()]);
    for (const r of raced) await r.body?.cancel();
    assert.deepEqual(raced.map((r) => r.status).sort(), [202, 429, 429]);

    const other = await authUser(t, "user");
    await expectProblem(
      await t.request("/api/v1/connections/fitbit/sync", {
        method: "POST",
        headers: other.headers,
      }),
      404,
    );
  } finally {
    await close();
  }
});

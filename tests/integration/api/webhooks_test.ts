import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { signTerraPayload } from "../../../integrations/terra/signature.ts";
import { terraActivity, terraDaily } from "../../../integrations/terra/sim_payloads.ts";
import { movableClock } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { countRows, ledger, terraTestContext } from "../ingest/_terra.ts";

const PATH = "/api/v1/webhooks/terra";

async function post(
  ctx: Awaited<ReturnType<typeof terraTestContext>>,
  body: string,
  headers: Record<string, string>,
) {
  return await ctx.t.app.request(PATH, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

Deno.test("POST /webhooks/terra - refuses missing, forged, stale and tampered signatures with 401 and records nothing", async () => {
  // A whole-second clock for server and signer: on the real one the floored "+301 s" signature
  // came within 300 s of the server's now whenever the request landed in the next second.
  const clock = movableClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const ctx = await terraTestContext({ clock });
  try {
    const secret = ctx.t.services.config.TERRA_WEBHOOK_SECRET;
    const body = JSON.stringify({
      type: "healthcheck",
      creation_timestamp: new Date().toISOString(),
    });
    const now = clock.now().getTime() / 1000;
    await expectProblem(await post(ctx, body, {}), 401);
    await expectProblem(await post(ctx, body, { "terra-signature": "garbage" }), 401);
    const forged = await signTerraPayload("not-the-secret", body, now);
    await expectProblem(await post(ctx, body, { "terra-signature": forged }), 401);
    const stale = await signTerraPayload(secret, body, now - 301);
    await expectProblem(await post(ctx, body, { "terra-signature": stale }), 401);
    const future = await signTerraPayload(secret, body, now + 301);
    await expectProblem(await post(ctx, body, { "terra-signature": future }), 401);
    const good = await signTerraPayload(secret, body, now);
    const tampered = body.replace("healthcheck", "deauth");
    await expectProblem(await post(ctx, tampered, { "terra-signature": good }), 401);
    assert.equal(await countRows(ctx.t, sql`SELECT count(*) AS n FROM webhook_events`), 0);

    // The 2026 header name is accepted too, and a valid signature within 300 s passes.
    const edge = await signTerraPayload(secret, body, now - 290);
    const ok = await expectJson(await post(ctx, body, { "x-terra-signature": edge }), 200);
    assert.equal(ok.status, "accepted");
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - signed but malformed JSON is a 400, a body without type a 422", async () => {
  const ctx = await terraTestContext();
  try {
    const secret = ctx.t.services.config.TERRA_WEBHOOK_SECRET;
    const now = Date.now() / 1000;
    const broken = '{"type": "daily", "data": [';
    await expectProblem(
      await post(ctx, broken, { "terra-signature": await signTerraPayload(secret, broken, now) }),
      400,
    );
    const untyped = JSON.stringify({ data: [] });
    await expectProblem(
      await post(ctx, untyped, { "terra-signature": await signTerraPayload(secret, untyped, now) }),
      422,
      "type",
    );
    assert.equal(await countRows(ctx.t, sql`SELECT count(*) AS n FROM webhook_events`), 0);
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - auth creates a primary connection; a daily pays steps and minutes once, even delivered 10 times", async () => {
  const ctx = await terraTestContext();
  try {
    const { userId, terra, connectionId } = await ctx.connectedUser();
    const [conn] = await ctx.t.services.db.rows<{ is_primary: boolean; provider: string }>(
      sql`SELECT is_primary, provider FROM tracker_connections WHERE id = ${connectionId}`,
    );
    assert.deepEqual(conn, { is_primary: true, provider: "fitbit" });

    const daily = terraDaily({
      date: "2026-03-14",
      steps: 8_000,
      minutes: { light: 10, moderate: 20, vigorous: 5 },
    });
    const first = await ctx.sim.sendData("daily", terra, [daily]);
    assert.equal((await first.response.json()).status, "accepted");
    const repeats = await Promise.all(
      Array.from({ length: 9 }, () => ctx.sim.resend(first.delivery)),
    );
    for (const r of repeats) assert.equal((await expectJson(r, 200)).status, "duplicate");
    await ctx.process();
    await ctx.process();

    const l = await ledger(ctx.t, userId);
    assert.equal(l.sum, 80 + (10 + 40 + 15), "80 for steps, 65 for minutes at INT");
    assert.equal(l.rows, 2, "one ledger entry per paid activity");
    assert.equal(l.balance, l.sum);
    const acts = await ctx.t.services.db.rows<
      { id: string; activity_type: string; points_earned: number }
    >(
      sql`SELECT id, activity_type, points_earned FROM activities WHERE user_id = ${userId} ORDER BY activity_type`,
    );
    assert.deepEqual(acts.map((a) => [a.activity_type, a.points_earned]), [["active_minutes", 65], [
      "steps",
      80,
    ]]);
    const refs = await ctx.t.services.db.rows<{ reference_type: string; reference_id: string }>(
      sql`SELECT reference_type, reference_id FROM point_transactions WHERE user_id = ${userId}`,
    );
    assert.deepEqual(new Set(refs.map((r) => r.reference_id)), new Set(acts.map((a) => a.id)));
    assert.ok(refs.every((r) => r.reference_type === "activity"));
    const [board] = await ctx.t.services.db.rows<{ points: number }>(
      sql`SELECT points FROM leaderboard_scores WHERE user_id = ${userId} AND period_kind = 'alltime'`,
    );
    assert.equal(board?.points, l.sum, "the all-time leaderboard rollup moved with the ledger");
    assert.equal(
      await countRows(
        ctx.t,
        sql`SELECT count(*) AS n FROM webhook_events WHERE event_type = 'daily'`,
      ),
      1,
    );
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - a growing daily pays its increase; an older copy after a newer one changes nothing; a shrinking total keeps its points", async () => {
  const ctx = await terraTestContext();
  try {
    const { userId, terra } = await ctx.connectedUser();
    const at = (steps: number) => terraDaily({ date: "2026-03-14", steps });
    await ctx.sim.send({ type: "daily", user: terra, data: [at(5_000)] }, { orderingTs: 1_000 });
    await ctx.sim.send({ type: "daily", user: terra, data: [at(8_000)] }, { orderingTs: 3_000 });
    await ctx.process();
    assert.equal((await ledger(ctx.t, userId)).sum, 80, "50 then the 30 increase");

    await ctx.sim.send({ type: "daily", user: terra, data: [at(6_500)] }, { orderingTs: 2_000 });
    await ctx.process();
    const [steps] = await ctx.t.services.db.rows<{ metrics: { normalized: { steps: number } } }>(
      sql`SELECT metrics FROM activities WHERE user_id = ${userId} AND activity_type = 'steps'`,
    );
    assert.equal(steps.metrics.normalized.steps, 8_000, "the older copy did not overwrite");

    await ctx.sim.send({ type: "daily", user: terra, data: [at(7_000)] }, { orderingTs: 4_000 });
    await ctx.process();
    const [after] = await ctx.t.services.db.rows<
      {
        points_earned: number;
        metrics: { normalized: { steps: number }; points: { corrections: unknown[] } };
      }
    >(sql`SELECT points_earned, metrics FROM activities WHERE user_id = ${userId} AND activity_type = 'steps'`);
    assert.equal(after.metrics.normalized.steps, 7_000, "the newer, smaller total is shown");
    assert.equal(after.points_earned, 80, "and nothing is clawed back");
    assert.equal(after.metrics.points.corrections.length, 1, "the correction is recorded");
    assert.equal((await ledger(ctx.t, userId)).sum, 80);
    assert.equal(
      await countRows(
        ctx.t,
        sql`SELECT count(*) AS n FROM audit_log WHERE action = 'activity.correction'`,
      ),
      1,
    );
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - nulls never erase values and null-only records pay nothing and break nothing", async () => {
  const ctx = await terraTestContext();
  try {
    const { userId, terra } = await ctx.connectedUser();
    await ctx.sim.send({
      type: "daily",
      user: terra,
      data: [terraDaily({ date: "2026-03-15", steps: 4_000, minutes: { moderate: 10 } })],
    }, { orderingTs: 10 });
    await ctx.sim.send({
      type: "daily",
      user: terra,
      data: [terraDaily({ date: "2026-03-15", steps: null, minutes: { moderate: null } })],
    }, { orderingTs: 20 });
    const nulls = {
      metadata: {
        summary_id: null,
        start_time: null,
        end_time: null,
        type: null,
        upload_type: null,
      },
      distance_data: null,
      active_durations_data: null,
    };
    const r = await ctx.sim.send({ type: "activity", user: terra, data: [nulls, null, 42, "x"] });
    assert.equal(r.response.status, 200);
    await ctx.sim.send({ type: "daily", user: { ...terra, user_id: null }, data: null });
    const summary = await ctx.process();
    assert.match(summary, /0 failed/);
    const rows = await ctx.t.services.db.rows<
      { activity_type: string; metrics: { normalized: Record<string, number> } }
    >(
      sql`SELECT activity_type, metrics FROM activities WHERE user_id = ${userId}`,
    );
    assert.equal(rows.length, 2);
    assert.equal(rows.find((a) => a.activity_type === "steps")!.metrics.normalized.steps, 4_000);
    assert.equal(
      rows.find((a) => a.activity_type === "active_minutes")!.metrics.normalized.moderate,
      10,
    );
    assert.equal((await ledger(ctx.t, userId)).sum, 40 + 20);
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - data for an unknown Terra user is parked, then processed when its auth arrives", async () => {
  const ctx = await terraTestContext();
  try {
    const { userId } = await ctx.connectedUser();
    const stranger = ctx.sim.addUser("GOOGLE_HEALTH", null);
    await ctx.sim.sendData("activity", stranger, [
      terraActivity({ summaryId: "w-1", start: "2026-03-14T15:00:00Z", minutes: { vigorous: 20 } }),
    ]);
    assert.match(await ctx.process(), /1 parked/);
    assert.equal(
      await countRows(ctx.t, sql`SELECT count(*) AS n FROM webhook_events WHERE status = 'parked'`),
      1,
    );
    // The same Terra user connects (e.g. a second provider of the same FitTrack user).
    const known = { ...stranger, provider: "APPLE", reference_id: userId };
    await ctx.sim.send({ type: "auth", status: "success", user: known, reference_id: userId });
    await ctx.process();
    await ctx.process();
    assert.equal((await ledger(ctx.t, userId)).sum, 60 + 50, "20 vigorous minutes + bonus");
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - connection_error and access_revoked mark the connection, user_reauth re-keys it, deauth disconnects it, unknown types are acknowledged", async () => {
  const ctx = await terraTestContext();
  try {
    const { terra, connectionId } = await ctx.connectedUser();
    const status = async () =>
      (await ctx.t.services.db.rows<
        { status: string; terra_user_id: string; error_message: string | null }
      >(
        sql`SELECT status, terra_user_id, error_message FROM tracker_connections WHERE id = ${connectionId}`,
      ))[0];
    await ctx.sim.send({ type: "connection_error", user: terra, status: "warning" });
    await ctx.process();
    assert.equal((await status()).status, "error");
    assert.match((await status()).error_message ?? "", /reconnect/);
    assert.equal(
      await countRows(
        ctx.t,
        sql`SELECT count(*) AS n FROM outbox WHERE kind = 'tracker_reconnect'`,
      ),
      1,
      "the user gets a mail",
    );

    const renewed = { ...terra, user_id: crypto.randomUUID() };
    await ctx.sim.send({
      type: "user_reauth",
      old_user: terra,
      new_user: renewed,
      status: "warning",
    });
    await ctx.process();
    assert.deepEqual(await status(), {
      status: "active",
      terra_user_id: renewed.user_id,
      error_message: null,
    });

    await ctx.sim.send({ type: "access_revoked", user: renewed, status: "warning" });
    await ctx.process();
    assert.equal((await status()).status, "error");

    for (const type of ["healthcheck", "sleep", "brand_new_event"]) {
      const { response } = await ctx.sim.send({ type, user: renewed });
      assert.equal(response.status, 200);
    }
    assert.match(await ctx.process(), /3 ignored/);

    await ctx.sim.send({ type: "deauth", user: { ...renewed, active: false }, status: "success" });
    await ctx.process();
    assert.equal((await status()).status, "disconnected");
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - two trackers report the same run: the primary's workout pays, the other is logged as a duplicate", async () => {
  const ctx = await terraTestContext();
  try {
    const primary = await ctx.connectedUser({ provider: "GOOGLE_HEALTH" });
    const second = await ctx.connectedUser({ provider: "GOOGLEFIT", userId: primary.userId });
    const run = (summaryId: string, start: string) =>
      terraActivity({ summaryId, start, minutes: { moderate: 30 } });
    await ctx.sim.sendData("activity", primary.terra, [run("fb-1", "2026-03-14T12:00:00Z")]);
    await ctx.process();
    await ctx.sim.sendData("activity", second.terra, [run("gf-1", "2026-03-14T12:02:00Z")]);
    await ctx.process();
    const rows = await ctx.t.services.db.rows<
      {
        connection_id: string;
        points_earned: number;
        metrics: { points: { duplicate_of: string | null } };
      }
    >(sql`SELECT connection_id, points_earned, metrics FROM activities WHERE user_id = ${primary.userId}`);
    const won = rows.find((r) => r.connection_id === primary.connectionId)!;
    const lost = rows.find((r) => r.connection_id === second.connectionId)!;
    assert.equal(won.points_earned, 60 + 50);
    assert.equal(lost.points_earned, 0);
    assert.ok(lost.metrics.points.duplicate_of, "the loser names the record it lost to");
    assert.equal((await ledger(ctx.t, primary.userId)).sum, 110);
    assert.equal(
      await countRows(
        ctx.t,
        sql`SELECT count(*) AS n FROM audit_log WHERE action = 'activity.duplicate'`,
      ),
      1,
    );
  } finally {
    await ctx.close();
  }
});

Deno.test("POST /webhooks/terra - 980 earned + a 50-point workout pays 20, noted 'capped at daily limit' on the ledger and the activity", async () => {
  const ctx = await terraTestContext();
  try {
    const { userId, terra } = await ctx.connectedUser();
    // 490 moderate minutes = 980 points, no bonus (one long daily total).
    await ctx.sim.sendData("daily", terra, [
      terraDaily({ date: "2026-03-14", minutes: { moderate: 490 } }),
    ]);
    await ctx.process();
    assert.equal((await ledger(ctx.t, userId)).sum, 980);
    await ctx.sim.sendData("activity", terra, [
      terraActivity({ summaryId: "late", start: "2026-03-14T22:00:00Z", minutes: { light: 20 } }),
    ]);
    await ctx.process();
    const [entry] = await ctx.t.services.db.rows<
      { amount: number; description: string; reference_id: string }
    >(
      sql`SELECT amount, description, reference_id FROM point_transactions
           WHERE user_id = ${userId} ORDER BY created_at DESC LIMIT 1`,
    );
    assert.equal(entry.amount, 20);
    assert.match(entry.description, /capped at daily limit/);
    const [activity] = await ctx.t.services.db.rows<{ id: string; points_earned: number }>(
      sql`SELECT id, points_earned FROM activities WHERE user_id = ${userId} AND activity_type = 'workout'`,
    );
    assert.deepEqual([activity.points_earned, activity.id], [20, entry.reference_id]);
    assert.equal((await ledger(ctx.t, userId)).sum, 1000);
  } finally {
    await ctx.close();
  }
});

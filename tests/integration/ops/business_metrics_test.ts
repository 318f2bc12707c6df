/**
 * The business counters of /metrics move with what really happened: a
 * registration, points earned, tickets bought (by drawing type), a drawing
 * executed, leaderboard reads by cache result; refused requests count nothing.
 *
 * @module
 */
import assert from "node:assert/strict";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { sql } from "drizzle-orm";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { dataEvent, terraActivity } from "../../../integrations/terra/sim_payloads.ts";
import { registration } from "../../_support/auth.ts";
import { expectJson } from "../../_support/http.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { terraTestContext } from "../ingest/_terra.ts";
import {
  adminHeaders,
  buy,
  closedDrawing,
  fundedUser,
  openDrawing,
} from "../sweepstakes/_helpers.ts";

type Family = { name: string; metrics: { labels?: Record<string, string>; value?: string }[] };

/** Sum of a counter's samples whose labels include `match`. */
async function counter(
  t: TestContext,
  name: string,
  match: Record<string, string> = {},
): Promise<number> {
  const response = await t.request("/metrics");
  const families = parsePrometheusTextFormat(await response.text()) as Family[];
  const family = families.find((f) => f.name === name);
  assert.ok(family, `${name} is exported`);
  return family.metrics
    .filter((m) => Object.entries(match).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? 0), 0);
}

Deno.test("metrics - registrations, points, tickets and drawings are counted once they happen", async () => {
  const t = await testContext();
  try {
    const registered = await t.request("/api/v1/auth/register", {
      method: "POST",
      json: registration(),
    });
    await expectJson(registered, 201);
    const refused = await t.request("/api/v1/auth/register", {
      method: "POST",
      json: registration({ state: "not a state" }),
    });
    await refused.body?.cancel();
    assert.equal(refused.status, 422);
    assert.equal(await counter(t, "user_registrations_total"), 1, "the refused one is not counted");

    const { user, headers } = await fundedUser(t, 100);
    await postLedgerEntry(t.services.core, {
      user_id: user.id,
      transaction_type: "earn",
      amount: 35,
      description: "metrics test earning",
    });
    assert.equal(await counter(t, "points_earned_total"), 35, "adjustments are not earnings");

    const weekly = await openDrawing(t, { drawing_type: "weekly", ticket_cost_points: 10 });
    await expectJson(await buy(t, headers, weekly.id, 3), 201);
    const tooMany = await buy(t, headers, weekly.id, 50);
    await tooMany.body?.cancel();
    assert.equal(tooMany.status, 409, "insufficient points");
    assert.equal(await counter(t, "tickets_purchased_total", { drawing_type: "weekly" }), 3);
    // A repeated request with the same Idempotency-Key replays the first answer: counted once.
    const key = { "idempotency-key": crypto.randomUUID() };
    await expectJson(await buy(t, headers, weekly.id, 2, key), 201);
    await expectJson(await buy(t, headers, weekly.id, 2, key), 201);
    assert.equal(await counter(t, "tickets_purchased_total", { drawing_type: "weekly" }), 5);

    const { drawing } = await closedDrawing(t, {
      drawing_type: "daily",
      buyers: 2,
      prizes: [{
        rank: 1,
        name: "Water bottle",
        value_usd: 25,
        quantity: 1,
        fulfillment_type: "digital",
      }],
    });
    assert.equal(await counter(t, "tickets_purchased_total", { drawing_type: "daily" }), 4);
    const executed = await t.request(`/api/v1/admin/drawings/${drawing.id}/execute`, {
      method: "POST",
      headers: await adminHeaders(t),
    });
    await expectJson(executed, 200);
    assert.equal(await counter(t, "drawings_executed_total", { drawing_type: "daily" }), 1);
  } finally {
    await t.close();
  }
});

Deno.test("metrics - every leaderboard read counts as a cache hit (Redis) or miss (PostgreSQL)", async () => {
  const t = await testContext();
  try {
    const { headers } = await fundedUser(t, 0);
    for (let i = 0; i < 3; i++) {
      await expectJson(await t.request("/api/v1/leaderboards/weekly", { headers }), 200);
    }
    const hits = await counter(t, "cache_operations_total", {
      cache: "leaderboard",
      result: "hit",
    });
    const misses = await counter(t, "cache_operations_total", {
      cache: "leaderboard",
      result: "miss",
    });
    assert.equal(hits + misses, 3);
    if (!t.services.config.REDIS_URL) assert.equal(hits, 0, "without Redis every read is a miss");
  } finally {
    await t.close();
  }
});

Deno.test("metrics - points paid for a signed Terra workout count as earned", async () => {
  const terra = await terraTestContext();
  try {
    const { t, sim } = terra;
    const { userId, terra: user } = await terra.connectedUser();
    const before = await counter(t, "points_earned_total");
    const workout = terraActivity({
      summaryId: "metrics-run-1",
      start: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      minutes: { moderate: 30 },
    });
    const { response } = await sim.send(dataEvent("activity", user, [workout]));
    assert.equal(response.status, 200);
    await terra.process();
    const [{ paid }] = await t.services.db.rows<{ paid: number }>(
      sql`SELECT coalesce(sum(amount), 0)::int AS paid FROM point_transactions
          WHERE user_id = ${userId} AND transaction_type = 'earn'`,
    );
    assert.ok(paid > 0, "the workout paid points");
    assert.equal(await counter(t, "points_earned_total") - before, paid);
  } finally {
    await terra.close();
  }
});

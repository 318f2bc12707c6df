import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import { type TestContext, testContext } from "../../_support/services.ts";
import { sql } from "drizzle-orm";
import { verifyProof } from "../../../core/drawings/draw/mod.ts";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import type { Fulfillment } from "../../../core/fulfillment/schemas.ts";
import type { CreateDrawingInput } from "../../../core/drawings/schemas.ts";
import { fulfillmentRemindersTick } from "../../../jobs/fulfillment_reminders.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { adminHeaders, allLeaves, closedDrawing } from "./_helpers.ts";

const WATCH = {
  rank: 1,
  name: "Fitness Watch",
  value_usd: 250,
  quantity: 1,
  fulfillment_type: "physical" as const,
};
const ADDRESS = {
  name: "Sam Runner",
  line1: "1 Main St",
  city: "Austin",
  state: "TX",
  zip: "78701",
};

/** An executed drawing with physical prizes; the winners' fulfillments and headers. */
async function wonPhysical(t: TestContext, prizes: CreateDrawingInput["prizes"] = [WATCH]) {
  const { drawing, buyers } = await closedDrawing(t, { prizes, buyers: 4, each: 2 });
  await executeDrawing(t.services.core, drawing.id);
  const page = await t.services.core.store.fulfillments.list({
    page: 1,
    perPage: 10,
    sort: [],
    filters: { drawing_id: drawing.id },
  });
  const headersOf = (f: Fulfillment) => buyers.find((b) => b.user.id === f.user_id)!.headers;
  return { drawing, buyers, fulfillments: page.items, headersOf };
}

Deno.test("fulfillment - physical prize: address, ship with tracking, deliver; each step logged", async () => {
  const t = await testContext();
  try {
    const { fulfillments, headersOf, buyers } = await wonPhysical(t);
    const [won] = fulfillments;
    assert.equal(won.status, "winner_notified");
    const headers = headersOf(won);
    const mine = await expectJson<{ items: Fulfillment[] }>(
      await t.request("/api/v1/fulfillments", { headers }),
      200,
    );
    assert.equal(mine.items.length, 1);
    const put = (json: unknown, h = headers) =>
      t.request(`/api/v1/fulfillments/${won.id}/address`, { method: "PUT", headers: h, json });
    await expectProblem(await put({ ...ADDRESS, zip: "7870" }), 422, "zip");
    await expectProblem(await put({ ...ADDRESS, zip: "ABCDE" }), 422, "zip");
    await expectProblem(await put({ ...ADDRESS, state: "XX" }), 422, "state");
    await expectProblem(await put({ ...ADDRESS, line1: "" }), 422, "line1");
    const stranger = buyers.find((b) => b.user.id !== won.user_id)!;
    await expectProblem(await put(ADDRESS, stranger.headers), 404);
    const admin = await adminHeaders(t);
    const ship = (json: unknown) =>
      t.request(`/api/v1/admin/fulfillments/${won.id}/ship`, {
        method: "POST",
        headers: admin,
        json,
      });
    // Shipping before the address is confirmed is refused and changes nothing.
    await expectProblem(await ship({ carrier: "USPS", tracking_number: "9400123456789" }), 409);
    const confirmed = await expectJson<Fulfillment>(await put(ADDRESS), 200);
    assert.equal(confirmed.status, "address_confirmed");
    assert.equal(confirmed.shipping_address!.zip, "78701");
    // At rest the address is sealed (AES-256-GCM): nothing of it is readable in the row.
    const [raw] = await t.services.db.rows<{ address: string }>(
      sql`SELECT shipping_address::text AS address FROM prize_fulfillments WHERE id = ${won.id}`,
    );
    assert.match(raw.address, /"sealed": "v1\./);
    assert.ok(!raw.address.includes("Main St") && !raw.address.includes("78701"), raw.address);
    const [drawingRow] = await t.services.db.rows<{ seed_secret: string }>(
      sql`SELECT seed_secret FROM drawings WHERE id = ${won.drawing_id}`,
    );
    assert.match(drawingRow.seed_secret, /^v1\./, "the draw's secret seed is sealed too");
    await expectProblem(
      await ship({ carrier: "USPS", tracking_number: "no" }),
      422,
      "tracking_number",
    );
    const shipped = await expectJson<Fulfillment>(
      await ship({ carrier: "USPS", tracking_number: "9400123456789" }),
      200,
    );
    assert.equal(shipped.status, "shipped");
    assert.equal(shipped.tracking_number, "9400123456789");
    assert.ok(shipped.shipped_at);
    await expectProblem(await put(ADDRESS), 409);
    const delivered = await expectJson<Fulfillment>(
      await t.request(`/api/v1/admin/fulfillments/${won.id}/deliver`, {
        method: "POST",
        headers: admin,
      }),
      200,
    );
    assert.equal(delivered.status, "delivered");
    assert.ok(delivered.delivered_at);
    const log = await t.services.db.rows<{ action: string; actor_id: string | null }>(
      sql`SELECT action, actor_id FROM audit_log WHERE entity_id = ${won.id} ORDER BY id`,
    );
    assert.deepEqual(log.map((l) => l.action), [
      "fulfillment.winner_notified",
      "fulfillment.address_confirmed",
      "fulfillment.shipped",
      "fulfillment.delivered",
    ]);
    assert.equal(log[1].actor_id, won.user_id);
    const listed = await expectJson<{ items: Fulfillment[] }>(
      await t.request("/api/v1/admin/fulfillments?filter[status]=delivered", { headers: admin }),
      200,
    );
    assert.ok(listed.items.some((f) => f.id === won.id));
    await expectProblem(await t.request("/api/v1/admin/fulfillments", { headers }), 403);
  } finally {
    await t.close();
  }
});

Deno.test("fulfillment - forfeit passes the prize to the alternate; twice is a 409; the proof still verifies", async () => {
  const t = await testContext();
  try {
    const { drawing, fulfillments } = await wonPhysical(t);
    const [won] = fulfillments;
    const admin = await adminHeaders(t);
    const forfeit = () =>
      t.request(`/api/v1/admin/fulfillments/${won.id}/forfeit`, {
        method: "POST",
        headers: admin,
        json: { reason: "declined" },
      });
    await expectProblem(
      await t.request(`/api/v1/admin/fulfillments/${won.id}/forfeit`, {
        method: "POST",
        headers: admin,
        json: { reason: "bored" },
      }),
      422,
      "reason",
    );
    const result = await expectJson<{ forfeited: Fulfillment; alternate: Fulfillment | null }>(
      await forfeit(),
      200,
    );
    assert.equal(result.forfeited.status, "forfeited");
    assert.equal(result.forfeited.forfeit_reason, "declined");
    assert.ok(result.alternate);
    assert.equal(result.alternate.status, "winner_notified");
    assert.notEqual(result.alternate.user_id, won.user_id);
    assert.equal(result.alternate.prize.rank, 1);
    await expectProblem(await forfeit(), 409);
    const proof = await expectJson<{ forfeits: unknown[] }>(
      await t.request(`/api/v1/drawings/${drawing.id}/proof`),
      200,
    );
    assert.equal(proof.forfeits.length, 1);
    assert.deepEqual(verifyProof(proof, await allLeaves(t, drawing.id)), {
      ok: true,
      problems: [],
    });
    const winners = await t.services.core.store.tickets.winners(drawing.id);
    assert.deepEqual(winners.map((w) => w.user_id), [result.alternate.user_id]);
  } finally {
    await t.close();
  }
});

Deno.test("fulfillment - reminder at 7 days, forfeit with an alternate at 14 (job)", async () => {
  const t = await testContext();
  try {
    const { fulfillments } = await wonPhysical(t);
    const [won] = fulfillments;
    const day = (n: number) => new Date(Date.parse(won.notified_at!) + n * 86_400_000 + 1000);
    assert.match(await fulfillmentRemindersTick(t.services, day(6)), /reminded 0, forfeited 0/);
    assert.match(await fulfillmentRemindersTick(t.services, day(7)), /reminded 1, forfeited 0/);
    assert.match(await fulfillmentRemindersTick(t.services, day(8)), /reminded 0, forfeited 0/);
    const reminded = await t.services.core.store.fulfillments.findById(won.id);
    assert.equal(reminded!.status, "winner_notified");
    assert.ok(reminded!.reminder_sent_at);
    assert.match(await fulfillmentRemindersTick(t.services, day(14)), /forfeited 1/);
    const gone = await t.services.core.store.fulfillments.findById(won.id);
    assert.equal(gone!.status, "forfeited");
    assert.equal(gone!.forfeit_reason, "no_response");
    const all = await t.services.core.store.fulfillments.list({
      page: 1,
      perPage: 10,
      sort: [],
      filters: { drawing_id: won.drawing_id! },
    });
    assert.equal(all.items.filter((f) => f.status === "winner_notified").length, 1);
  } finally {
    await t.close();
  }
});

Deno.test("fulfillment - digital prizes deliver at once; $2,000+ a year (2026 on) flags a tax form", async () => {
  const t = await testContext();
  try {
    const { fulfillments } = await wonPhysical(t, [
      { rank: 1, name: "Gift card", value_usd: 50, quantity: 1, fulfillment_type: "digital" },
      { rank: 2, name: "Bike", value_usd: 2500, quantity: 1, fulfillment_type: "physical" },
    ]);
    const card = fulfillments.find((f) => f.prize.rank === 1)!;
    assert.equal(card.status, "delivered");
    assert.ok(card.delivered_at);
    const bike = fulfillments.find((f) => f.prize.rank === 2)!;
    assert.equal(bike.needs_tax_form, true);
    assert.equal(card.needs_tax_form, false);
    const admin = await adminHeaders(t);
    await expectProblem(
      await t.request(`/api/v1/admin/fulfillments/${card.id}/forfeit`, {
        method: "POST",
        headers: admin,
        json: { reason: "declined" },
      }),
      409,
    );
  } finally {
    await t.close();
  }
});

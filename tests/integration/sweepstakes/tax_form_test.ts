import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import { type TestContext, testContext } from "../../_support/services.ts";
import { sql } from "drizzle-orm";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import type { CreateDrawingInput } from "../../../core/drawings/schemas.ts";
import type { Fulfillment } from "../../../core/fulfillment/schemas.ts";
import { authUser } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { closedDrawing } from "./_helpers.ts";

// Drawings here are in 2099: the threshold is $2,000 (taxFormThresholdUsd; $600 through 2025).
const BIKE = { rank: 1, name: "Bike", value_usd: 2500, quantity: 1, fulfillment_type: "physical" };
const ADDRESS = {
  name: "Sam Runner",
  line1: "1 Main St",
  city: "Austin",
  state: "TX",
  zip: "78701",
};

async function winnerOf(t: TestContext, prizes: CreateDrawingInput["prizes"]) {
  const { drawing, buyers } = await closedDrawing(t, { prizes, buyers: 3, each: 1 });
  await executeDrawing(t.services.core, drawing.id);
  const page = await t.services.core.store.fulfillments.list({
    page: 1,
    perPage: 10,
    sort: [],
    filters: { drawing_id: drawing.id },
  });
  const won = page.items[0];
  return { won, headers: buyers.find((b) => b.user.id === won.user_id)!.headers };
}

async function mailTo(t: TestContext, userId: string): Promise<string> {
  const [row] = await t.services.db.rows<{ text: string }>(
    sql`SELECT o.text_body AS text FROM outbox o JOIN users u ON u.email = o.recipient
        WHERE u.id = ${userId} AND o.kind = 'drawing_winner'`,
  );
  return row?.text ?? "";
}

Deno.test("tax form - a flagged physical prize cannot ship or be delivered until an admin records the W-9", async () => {
  const t = await testContext();
  try {
    const { won, headers } = await winnerOf(t, [BIKE as CreateDrawingInput["prizes"][number]]);
    assert.equal(won.needs_tax_form, true);
    assert.equal(won.tax_form_received_at, null);
    assert.match(await mailTo(t, won.user_id), /IRS Form W-9/);
    await expectJson(
      await t.request(`/api/v1/fulfillments/${won.id}/address`, {
        method: "PUT",
        headers,
        json: ADDRESS,
      }),
      200,
    );
    const admin = await authUser(t, "admin");
    const post = (path: string, json?: unknown, h = admin.headers) =>
      t.request(`/api/v1/admin/fulfillments/${won.id}/${path}`, {
        method: "POST",
        headers: h,
        json,
      });
    const ship = { carrier: "USPS", tracking_number: "9400123456789" };
    const blocked = await expectProblem(await post("ship", ship), 409, "tax_form_received_at");
    assert.match(blocked.detail, /Form W-9 must be recorded as received first/);
    assert.equal(
      (await t.services.core.store.fulfillments.findById(won.id))!.status,
      "address_confirmed",
    );

    await expectProblem(await post("tax-form", undefined, headers), 403);
    const recorded = await expectJson<Fulfillment>(await post("tax-form"), 200);
    assert.ok(recorded.tax_form_received_at);
    assert.equal(recorded.tax_form_recorded_by, admin.user.id);
    await expectProblem(await post("tax-form"), 409, "tax_form_received_at");
    const logged = await t.services.db.rows<{ actor_id: string }>(
      sql`SELECT actor_id FROM audit_log WHERE entity_id = ${won.id}
          AND action = 'fulfillment.tax_form_received'`,
    );
    assert.deepEqual(logged.map((r) => r.actor_id), [admin.user.id]);

    await expectJson(await post("ship", ship), 200);
    const delivered = await expectJson<Fulfillment>(await post("deliver"), 200);
    assert.equal(delivered.status, "delivered");

    // Only the fact is stored: no column could hold a TIN.
    const columns = await t.services.db.rows<{ column_name: string }>(
      sql`SELECT column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'prize_fulfillments'
            AND column_name ~ '(tin|ssn|taxpayer|w9)'`,
    );
    assert.deepEqual(columns.map((c) => c.column_name), []);
  } finally {
    await t.close();
  }
});

Deno.test("tax form - a flagged digital prize is held (no code) until the W-9 is recorded; unflagged prizes need none", async () => {
  const t = await testContext();
  try {
    const { won } = await winnerOf(t, [
      {
        rank: 1,
        name: "Travel voucher",
        value_usd: 2000,
        quantity: 1,
        fulfillment_type: "digital",
      },
    ]);
    assert.equal(won.needs_tax_form, true, "reaching the threshold exactly counts");
    assert.equal(won.status, "winner_notified");
    const mail = await mailTo(t, won.user_id);
    assert.match(mail, /IRS Form W-9/);
    assert.doesNotMatch(mail, /prize code/);
    const admin = await authUser(t, "admin");
    const post = (id: string, path: string) =>
      t.request(`/api/v1/admin/fulfillments/${id}/${path}`, {
        method: "POST",
        headers: admin.headers,
      });
    await expectProblem(await post(won.id, "deliver"), 409, "tax_form_received_at");
    await expectProblem(
      await t.request(`/api/v1/admin/fulfillments/${won.id}`, {
        method: "PUT",
        headers: admin.headers,
        json: { status: "delivered" },
      }),
      409,
      "tax_form_received_at",
    );
    await expectJson(await post(won.id, "tax-form"), 200);
    assert.equal(
      (await expectJson<Fulfillment>(await post(won.id, "deliver"), 200)).status,
      "delivered",
    );

    const small = await winnerOf(t, [
      { rank: 1, name: "Socks", value_usd: 600, quantity: 1, fulfillment_type: "physical" },
    ]);
    assert.equal(small.won.needs_tax_form, false, "$600 is below the 2099 threshold");
    assert.doesNotMatch(await mailTo(t, small.won.user_id), /W-9/);
    await expectProblem(await post(small.won.id, "tax-form"), 409, "needs_tax_form");
    await expectProblem(await post(crypto.randomUUID(), "tax-form"), 404);
  } finally {
    await t.close();
  }
});

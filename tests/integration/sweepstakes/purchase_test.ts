import assert from "node:assert/strict";
import { authHeaders, authUser } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import type { PurchaseResult, Ticket } from "../../../core/tickets/schemas.ts";
import { balanceOf, buy, fundedUser, openDrawing } from "./_helpers.ts";

Deno.test("tickets - buying 5 debits 500 points, numbers 1..5, counts them on the drawing", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t);
    const { user, headers } = await fundedUser(t, 1000);
    const body = await expectJson<PurchaseResult>(await buy(t, headers, drawing.id, 5), 201);
    assert.equal(body.tickets.length, 5);
    assert.deepEqual(body.tickets.map((x) => x.ticket_number), [1, 2, 3, 4, 5]);
    assert.equal(body.points_spent, 500);
    assert.equal(body.point_balance, 500);
    const balance = await balanceOf(t, user.id);
    assert.equal(balance.point_balance, 500);
    assert.equal(balance.consistent, true);
    const ledger = await t.services.core.store.points.list({
      page: 1,
      perPage: 10,
      sort: [],
      filters: { user_id: user.id, transaction_type: "spend" },
    });
    assert.equal(ledger.items.length, 1);
    assert.equal(ledger.items[0].amount, -500);
    assert.equal(ledger.items[0].reference_type, "drawing");
    const detail = await expectJson<{ total_tickets: number; odds: { your_tickets: number } }>(
      await t.request(`/api/v1/drawings/${drawing.id}`, { headers }),
      200,
    );
    assert.equal(detail.total_tickets, 5);
    assert.equal(detail.odds.your_tickets, 5);
    const mine = await expectJson<{ items: Ticket[] }>(
      await t.request(`/api/v1/tickets?filter[drawing_id]=${drawing.id}`, { headers }),
      200,
    );
    assert.equal(mine.items.length, 5);
    // A second buyer continues the numbering without gaps.
    const other = await fundedUser(t, 300);
    const next = await expectJson<PurchaseResult>(await buy(t, other.headers, drawing.id, 3), 201);
    assert.deepEqual(next.tickets.map((x) => x.ticket_number), [6, 7, 8]);
  } finally {
    await t.close();
  }
});

Deno.test("tickets - insufficient points is a 409 that writes nothing", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t);
    const { user, headers } = await fundedUser(t, 50);
    const problem = await expectProblem(await buy(t, headers, drawing.id, 1), 409);
    assert.match(problem.detail, /^Insufficient points/);
    assert.equal((await balanceOf(t, user.id)).point_balance, 50);
    const after = await t.services.core.store.drawings.findById(drawing.id);
    assert.equal(after!.total_tickets, 0);
    assert.equal(await t.services.core.store.tickets.count(drawing.id, user.id), 0);
  } finally {
    await t.close();
  }
});

Deno.test("tickets - closed, cancelled, unopened or past-close drawings answer 403 Ticket sales closed", async () => {
  const t = await testContext();
  try {
    const { headers } = await fundedUser(t, 1000);
    const closed = await openDrawing(t);
    await transitionDrawing(t.services.core, closed.id, "closed");
    const p = await expectProblem(await buy(t, headers, closed.id, 1), 403);
    assert.match(p.detail, /^Ticket sales closed/);
    const cancelled = await openDrawing(t);
    await transitionDrawing(t.services.core, cancelled.id, "cancelled");
    await expectProblem(await buy(t, headers, cancelled.id, 1), 403);
    const past = await openDrawing(t, {
      ticket_sales_close: "2020-01-01T00:00:00.000Z",
      drawing_time: "2020-01-02T00:00:00.000Z",
    });
    await expectProblem(await buy(t, headers, past.id, 1), 403);
    await expectProblem(await buy(t, headers, crypto.randomUUID(), 1), 404);
  } finally {
    await t.close();
  }
});

Deno.test("tickets - quantity outside 1..100 or not a whole number is a 422 naming quantity", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t);
    const { user, headers } = await fundedUser(t, 100_000);
    for (const q of [0, -1, 101, 1.5, "3", null]) {
      await expectProblem(await buy(t, headers, drawing.id, q), 422, "quantity");
    }
    assert.equal((await balanceOf(t, user.id)).point_balance, 100_000);
    await expectProblem(
      await t.request(`/api/v1/drawings/${drawing.id}/tickets`, {
        method: "POST",
        json: { quantity: 1 },
      }),
      401,
    );
  } finally {
    await t.close();
  }
});

Deno.test("tickets - odds: 1000 sold, none mine → 1 in 1001; after buying 10 → 1 in 101", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 1 });
    const whale = await fundedUser(t, 1000);
    for (let i = 0; i < 10; i++) {
      await expectJson(await buy(t, whale.headers, drawing.id, 100), 201);
    }
    const { headers } = await fundedUser(t, 10);
    const url = `/api/v1/drawings/${drawing.id}`;
    type Detail = { odds: { your_odds: string | null; next_ticket_odds: string } };
    const before = await expectJson<Detail>(await t.request(url, { headers }), 200);
    assert.equal(before.odds.next_ticket_odds, "1 in 1001");
    assert.equal(before.odds.your_odds, null);
    const bought = await expectJson<PurchaseResult>(await buy(t, headers, drawing.id, 10), 201);
    assert.equal(bought.odds.your_odds, "1 in 101");
    const after = await expectJson<Detail>(await t.request(url, { headers }), 200);
    assert.equal(after.odds.your_odds, "1 in 101");
  } finally {
    await t.close();
  }
});

Deno.test("tickets - eligibility is checked on the server: state, account age, user type, tier", async () => {
  const t = await testContext({ env: { EXCLUDED_STATES: "NY,FL" } });
  try {
    const cases: [Record<string, unknown>, string][] = [
      [{ states: ["TX"] }, "state"],
      [{ excluded_states: ["CA"] }, "state"],
      [{ min_account_age_days: 7 }, "account_age"],
      [{ user_type: "premium" }, "user_type"],
      [{ tiers: ["OPEN"] }, "tier"],
    ];
    const { headers } = await fundedUser(t, 10_000); // a CA user, created just now
    for (const [eligibility, field] of cases) {
      const drawing = await openDrawing(t, { eligibility });
      const p = await expectProblem(await buy(t, headers, drawing.id, 1), 403, field);
      assert.match(p.detail, /Not eligible/);
    }
    const premium = await fundedUser(t, 100, "premium");
    const premiumOnly = await openDrawing(t, { eligibility: { user_type: "premium" } });
    await expectJson(await buy(t, premium.headers, premiumOnly.id, 1), 201);
  } finally {
    await t.close();
  }
});

Deno.test("tickets - Idempotency-Key replays the first answer; reuse with another body is a 422", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t);
    const { user, headers } = await fundedUser(t, 1000);
    const key = { "idempotency-key": crypto.randomUUID() };
    const first = await expectJson<PurchaseResult>(await buy(t, headers, drawing.id, 2, key), 201);
    const again = await buy(t, headers, drawing.id, 2, key);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await expectJson<PurchaseResult>(again, 201), first);
    assert.equal((await balanceOf(t, user.id)).point_balance, 800);
    await expectProblem(await buy(t, headers, drawing.id, 3, key), 422, "Idempotency-Key");
    // The key belongs to its user: someone else's same key is a separate purchase.
    const other = await fundedUser(t, 1000);
    await expectJson(await buy(t, other.headers, drawing.id, 2, key), 201);
  } finally {
    await t.close();
  }
});

Deno.test("free entries - AMOE tickets join the same pool, up to the rules' number per person", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { free_entries_per_user: 2 });
    const { user, headers } = await fundedUser(t, 0);
    const url = `/api/v1/drawings/${drawing.id}/free-entries`;
    const first = await expectJson<{ tickets: Ticket[] }>(
      await t.request(url, { method: "POST", headers, json: { quantity: 1 } }),
      201,
    );
    assert.equal(first.tickets[0].entry_type, "free");
    assert.equal(first.tickets[0].ticket_number, 1);
    await expectProblem(
      await t.request(url, { method: "POST", headers, json: { quantity: 2 } }),
      409,
      "quantity",
    );
    const admin = await authHeaders(t, "admin");
    const mailed = await expectJson<{ tickets: Ticket[] }>(
      await t.request(`/api/v1/admin/drawings/${drawing.id}/free-entries`, {
        method: "POST",
        headers: admin,
        json: { user_id: user.id, quantity: 1, note: "postcard" },
      }),
      201,
    );
    assert.equal(mailed.tickets[0].entry_type, "mail");
    await expectProblem(await t.request(url, { method: "POST", headers, json: {} }), 409);
    const detail = await expectJson<
      { total_tickets: number; free_entry: { notice: string; your_free_entries: number } }
    >(
      await t.request(`/api/v1/drawings/${drawing.id}`, { headers }),
      200,
    );
    assert.equal(detail.total_tickets, 2);
    assert.equal(detail.free_entry.your_free_entries, 2);
    assert.match(detail.free_entry.notice, /No purchase necessary/);
    const plain = await authUser(t, "user");
    await expectProblem(
      await t.request(`/api/v1/admin/drawings/${drawing.id}/free-entries`, {
        method: "POST",
        headers: plain.headers,
        json: { user_id: user.id },
      }),
      403,
    );
    assert.equal((await balanceOf(t, user.id)).point_balance, 0);
  } finally {
    await t.close();
  }
});

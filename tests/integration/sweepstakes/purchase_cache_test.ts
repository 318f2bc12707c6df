/**
 * Purchases with the short-lived copy of a drawing's sale terms: every change
 * an admin (or another instance) makes is honoured by the very next purchase,
 * a stale copy is caught by the statement's version check and retried once,
 * and the odds count the buyer's tickets exactly, even when their purchases race.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { authHeaders } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import { purchaseTickets } from "../../../core/tickets/purchase_tickets.ts";
import { saleTermsCacheOf } from "../../../core/tickets/sale_terms_cache.ts";
import type { TicketRepo } from "../../../core/tickets/repo.ts";
import type { PurchaseResult } from "../../../core/tickets/schemas.ts";
import { drawingInput } from "../../_support/factories.ts";
import { balanceOf, buy, fundedUser, openDrawing } from "./_helpers.ts";

Deno.test("purchase cache - a cost changed behind a cached copy is charged at once (stale, retried)", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 100 });
    const { user, headers } = await fundedUser(t, 1000);
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
    const cache = saleTermsCacheOf(t.services.core.store);
    const now = t.services.core.clock.now();
    const before = cache.get(drawing.id, now);
    assert.equal(before?.ticket_cost_points, 100, "the first purchase keeps a copy");
    // Another instance (or an operator) changes the row: this process's copy is now stale.
    await t.services.core.store.drawings.update(drawing.id, { ticket_cost_points: 30 });
    const second = await expectJson<PurchaseResult>(await buy(t, headers, drawing.id, 2), 201);
    assert.equal(second.points_spent, 60);
    assert.equal(second.point_balance, 1000 - 100 - 60);
    assert.equal((await balanceOf(t, user.id)).consistent, true);
    const after = cache.get(drawing.id, now);
    assert.equal(after?.ticket_cost_points, 30, "the copy was replaced by the re-read");
    assert.equal(after!.version, before!.version + 1);
    assert.deepEqual(second.tickets.map((x) => x.ticket_number), [2, 3]);
  } finally {
    await t.close();
  }
});

Deno.test("purchase cache - a renamed drawing's new name is on the very next debit", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const { user, headers } = await fundedUser(t, 1000);
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
    const admin = await authHeaders(t, "admin");
    await expectJson(
      await t.request(`/api/v1/admin/drawings/${drawing.id}`, {
        method: "PUT",
        headers: admin,
        json: { name: "Renamed drawing" },
      }),
      200,
    );
    const bought = await expectJson<PurchaseResult>(await buy(t, headers, drawing.id, 1), 201);
    const rows = await t.services.db.rows<{ description: string }>(
      sql`SELECT description FROM point_transactions WHERE id = ${bought.transaction_id}`,
    );
    assert.equal(rows[0].description, "1 ticket for Renamed drawing");
    assert.equal((await balanceOf(t, user.id)).point_balance, 980);
  } finally {
    await t.close();
  }
});

Deno.test("purchase cache - closing a drawing is honoured by the next purchase; opening one too", async () => {
  const t = await testContext();
  try {
    const { headers } = await fundedUser(t, 1000);
    const open = await openDrawing(t, { ticket_cost_points: 10 });
    await expectJson(await buy(t, headers, open.id, 1), 201);
    await transitionDrawing(t.services.core, open.id, "closed");
    const closed = await expectProblem(await buy(t, headers, open.id, 1), 403);
    assert.match(closed.detail, /^Ticket sales closed: drawing .* is closed$/);
    assert.equal(saleTermsCacheOf(t.services.core.store).get(open.id, new Date()), undefined);

    const core = t.services.core;
    const later = await createDrawing(
      core,
      drawingInput({
        ticket_cost_points: 10,
        drawing_time: "2099-01-10T20:00:00.000Z",
        ticket_sales_close: "2099-01-10T19:55:00.000Z",
      }),
    );
    await transitionDrawing(core, later.id, "scheduled");
    await expectProblem(await buy(t, headers, later.id, 1), 403);
    await transitionDrawing(core, later.id, "open");
    await expectJson(await buy(t, headers, later.id, 1), 201);
  } finally {
    await t.close();
  }
});

Deno.test("purchase cache - eligibility tightened or relaxed behind a copy is applied at once", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const { headers } = await fundedUser(t, 1000); // a CA user
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
    const drawings = t.services.core.store.drawings;
    await drawings.update(drawing.id, { eligibility: { states: ["TX"] } });
    await expectProblem(await buy(t, headers, drawing.id, 1), 403, "state");
    await drawings.update(drawing.id, { eligibility: {} });
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
    // The refusal was not kept: a copy that refuses is always checked against the row.
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
  } finally {
    await t.close();
  }
});

Deno.test("TicketRepo.purchase() - a version that no longer matches writes nothing (stale)", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const { user } = await fundedUser(t, 100);
    const tickets = t.services.core.store.tickets;
    const terms = await tickets.saleTerms(drawing.id);
    assert.equal(terms?.version, drawing.version);
    const write = (version: number) =>
      tickets.purchase({
        drawingId: drawing.id,
        userId: user.id,
        quantity: 2,
        now: new Date(),
        version,
        debit: {
          user_id: user.id,
          transaction_type: "spend",
          amount: -20,
          reference_type: "drawing",
          reference_id: drawing.id,
          description: "2 tickets",
        },
      });
    assert.deepEqual(await write(drawing.version - 1), { status: "stale" });
    assert.equal((await balanceOf(t, user.id)).point_balance, 100);
    assert.equal((await t.services.core.store.drawings.findById(drawing.id))!.total_tickets, 0);
    assert.equal(await tickets.count(drawing.id, user.id), 0);
    const done = await write(drawing.version);
    assert.equal(done.status, "done");
    if (done.status === "done") {
      assert.equal(done.first, 1);
      assert.equal(done.held, 2);
      assert.equal(done.debit.balance_after, 80);
    }
  } finally {
    await t.close();
  }
});

Deno.test("purchase - a drawing that changes again during the retry answers 409 and buys nothing", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const { user, headers } = await fundedUser(t, 100);
    const core = t.services.core;
    const real = core.store.tickets;
    let calls = 0;
    // Every write sees a version other than the one read, as if an admin edited each time.
    const tickets = new Proxy(real, {
      get(target, name) {
        if (name === "purchase") {
          return (input: Parameters<TicketRepo["purchase"]>[0]) => {
            calls++;
            return target.purchase({ ...input, version: input.version + 1000 });
          };
        }
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps = { ...core, store: { ...core.store, tickets } };
    await assert.rejects(
      purchaseTickets(deps, { userId: user.id, drawingId: drawing.id, quantity: 1 }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, "conflict");
        assert.match(error.message, /changed during the purchase/);
        return true;
      },
    );
    assert.equal(calls, 2, "one try and one retry after a fresh read");
    assert.equal((await balanceOf(t, user.id)).point_balance, 100);
    // The real path still buys.
    await expectJson(await buy(t, headers, drawing.id, 1), 201);
  } finally {
    await t.close();
  }
});

Deno.test("purchase - odds count every ticket of the buyer up to the last one, even when their purchases race", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 1 });
    const a = await fundedUser(t, 1000);
    const b = await fundedUser(t, 1000);
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const who = i % 3 === 0 ? b : a;
        const r = await expectJson<PurchaseResult>(await buy(t, who.headers, drawing.id, 2), 201);
        return { user: who.user.id, r };
      }),
    );
    const rows = await t.services.db.rows<{ user_id: string; n: number }>(
      sql`SELECT user_id, ticket_number AS n FROM tickets WHERE drawing_id = ${drawing.id}`,
    );
    assert.equal(rows.length, 80);
    for (const { user, r } of results) {
      const last = r.last_ticket_number;
      const mine = rows.filter((x) => x.user_id === user && Number(x.n) <= last).length;
      assert.equal(r.odds.total_tickets, last);
      assert.equal(r.odds.your_tickets, mine, `purchase ending at ${last}`);
    }
  } finally {
    await t.close();
  }
});

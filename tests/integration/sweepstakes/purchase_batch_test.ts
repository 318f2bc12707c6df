/**
 * Purchases of one drawing sent together as one statement
 * (db/repos/tickets_purchase_batch.ts): each keeps its own outcome and the
 * numbering stays gapless; the batcher groups waiting purchases (one per buyer,
 * one version) and isolates a failing batch by running its purchases alone.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { testContext } from "../../_support/services.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import { purchaseBatch, PurchaseBatcher } from "../../../db/repos/tickets_purchase_batch.ts";
import type { PurchaseWriteInput } from "../../../core/tickets/repo.ts";
import { balanceOf, fundedUser, openDrawing } from "./_helpers.ts";

function input(
  drawing: { id: string; version: number },
  userId: string,
  quantity: number,
  price: number,
): PurchaseWriteInput {
  return {
    drawingId: drawing.id,
    userId,
    quantity,
    now: new Date(),
    version: drawing.version,
    debit: {
      user_id: userId,
      transaction_type: "spend",
      amount: -quantity * price,
      reference_type: "drawing",
      reference_id: drawing.id,
      description: `${quantity} tickets`,
    },
  };
}

Deno.test("purchaseBatch() - each purchase its own debit; a refused one leaves no gap in the numbers", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const a = await fundedUser(t, 100);
    const poor = await fundedUser(t, 5);
    const c = await fundedUser(t, 100);
    const writes = await purchaseBatch(t.services.db.orm, [
      input(drawing, a.user.id, 2, 10),
      input(drawing, poor.user.id, 1, 10),
      input(drawing, c.user.id, 3, 10),
    ]);
    assert.deepEqual(writes.map((w) => w.status), ["done", "insufficient", "done"]);
    const [first, , third] = writes;
    assert.ok(first.status === "done" && third.status === "done");
    assert.deepEqual(first.tickets.map((x) => x.ticket_number), [1, 2]);
    assert.deepEqual(third.tickets.map((x) => x.ticket_number), [3, 4, 5]);
    assert.equal(first.first, 1);
    assert.equal(third.first, 3);
    assert.equal(first.held, 2);
    assert.equal(third.held, 3);
    assert.equal(first.debit.balance_after, 80);
    assert.equal(third.debit.balance_after, 70);
    assert.ok(third.tickets.every((x) => x.user_id === c.user.id));
    assert.equal(third.tickets[0].entry_type, "purchase");
    for (const [who, balance] of [[a, 80], [poor, 5], [c, 70]] as const) {
      const b = await balanceOf(t, who.user.id);
      assert.equal(b.point_balance, balance);
      assert.equal(b.consistent, true);
    }
    const after = await t.services.core.store.drawings.findById(drawing.id);
    assert.equal(after!.total_tickets, 5);
    // A second batch continues the numbers, and counts what each buyer already held.
    const again = await purchaseBatch(t.services.db.orm, [
      input(drawing, c.user.id, 1, 10),
      input(drawing, a.user.id, 1, 10),
    ]);
    assert.ok(again[0].status === "done" && again[1].status === "done");
    assert.equal(again[0].first, 6);
    assert.equal(again[0].held, 4);
    assert.equal(again[1].first, 7);
    assert.equal(again[1].held, 3);
  } finally {
    await t.close();
  }
});

Deno.test("purchaseBatch() - a closed drawing or another version writes nothing for anyone", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 10 });
    const a = await fundedUser(t, 100);
    const b = await fundedUser(t, 100);
    const stale = await purchaseBatch(t.services.db.orm, [
      input({ id: drawing.id, version: drawing.version + 1 }, a.user.id, 1, 10),
      input({ id: drawing.id, version: drawing.version + 1 }, b.user.id, 1, 10),
    ]);
    assert.deepEqual(stale, [{ status: "stale" }, { status: "stale" }]);
    const closed = await transitionDrawing(t.services.core, drawing.id, "closed");
    const refused = await purchaseBatch(t.services.db.orm, [
      input(closed, a.user.id, 1, 10),
      input(closed, b.user.id, 1, 10),
    ]);
    assert.deepEqual(refused, [{ status: "closed" }, { status: "closed" }]);
    assert.equal((await balanceOf(t, a.user.id)).point_balance, 100);
    const rows = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM tickets WHERE drawing_id = ${drawing.id}`,
    );
    assert.equal(Number(rows[0].n), 0);
  } finally {
    await t.close();
  }
});

Deno.test("PurchaseBatcher - purchases that wait go together, one per buyer, numbers stay gapless", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 1 });
    const buyers = await Promise.all(Array.from({ length: 12 }, () => fundedUser(t, 100)));
    const batcher = new PurchaseBatcher(t.services.db.orm);
    // Each buyer buys three times at once: their purchases can never share a statement.
    const writes = await Promise.all(
      buyers.flatMap((b) =>
        Array.from({ length: 3 }, async () => ({
          user: b.user.id,
          write: await batcher.purchase(input(drawing, b.user.id, 2, 1)),
        }))
      ),
    );
    assert.ok(writes.every((w) => w.write.status === "done"));
    assert.ok(batcher.statements < writes.length, `${batcher.statements} statements`);
    assert.ok(batcher.statements >= 3, "one buyer's three purchases need three statements");
    const numbers = writes.flatMap((w) => w.write.status === "done" ? w.write.tickets : [])
      .map((x) => x.ticket_number).sort((x, y) => x - y);
    assert.deepEqual(numbers, Array.from({ length: 72 }, (_, i) => i + 1));
    for (const b of buyers) {
      const mine = writes.filter((w) => w.user === b.user.id);
      const held = mine.map((w) => w.write.status === "done" ? w.write.held : -1).sort();
      assert.deepEqual(held, [2, 4, 6], "each purchase counts the buyer's earlier tickets");
      const balance = await balanceOf(t, b.user.id);
      assert.equal(balance.point_balance, 94);
      assert.equal(balance.consistent, true);
    }
  } finally {
    await t.close();
  }
});

Deno.test("PurchaseBatcher - a failing batch runs its purchases alone: only the bad one fails", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 1 });
    const a = await fundedUser(t, 100);
    const b = await fundedUser(t, 100);
    const c = await fundedUser(t, 100);
    const batcher = new PurchaseBatcher(t.services.db.orm);
    const first = batcher.purchase(input(drawing, a.user.id, 1, 1)); // runs alone, at once
    // These three wait for it and go as one batch, which fails on the malformed id.
    const rest = [
      batcher.purchase(input(drawing, b.user.id, 1, 1)),
      batcher.purchase(input(drawing, "not-a-uuid", 1, 1)),
      batcher.purchase(input(drawing, c.user.id, 1, 1)),
    ];
    const settled = await Promise.allSettled([first, ...rest]);
    assert.deepEqual(settled.map((s) => s.status), [
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    assert.equal(batcher.statements, 5, "one alone, one failed batch, then three alone");
    const numbers = await t.services.db.rows<{ n: number }>(
      sql`SELECT ticket_number AS n FROM tickets WHERE drawing_id = ${drawing.id} ORDER BY 1`,
    );
    assert.deepEqual(numbers.map((r) => Number(r.n)), [1, 2, 3]);
  } finally {
    await t.close();
  }
});

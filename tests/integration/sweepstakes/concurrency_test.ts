/**
 * T1 (no double spend) and T3 (Idempotency-Key) of perf-reliability.md §5.
 * The T1 driver and its invariant check also run against a deliberately naive
 * purchase (read balance, then write it, outside any transaction): the check
 * must catch it, which proves the check can see a double spend at all.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { type TestContext, testContext } from "../../_support/services.ts";
import { balanceOf, buy, fundedUser, openDrawing } from "./_helpers.ts";

const PRICE = 100;
const BUYERS = 200;

interface Outcome {
  statuses: number[];
  balance: number;
  ledgerSum: number;
  tickets: number[];
  totalTickets: number;
}

/** Fires BUYERS purchases of one ticket at once and reads back the invariants. */
async function race(
  t: TestContext,
  drawingId: string,
  userId: string,
  purchase: () => Promise<number>,
): Promise<Outcome> {
  const statuses = await Promise.all(Array.from({ length: BUYERS }, () => purchase()));
  const balance = await balanceOf(t, userId);
  const rows = await t.services.db.rows<{ n: number }>(
    sql`SELECT ticket_number AS n FROM tickets WHERE drawing_id = ${drawingId} ORDER BY 1`,
  );
  const drawing = await t.services.core.store.drawings.findById(drawingId);
  return {
    statuses,
    balance: balance.point_balance,
    ledgerSum: balance.ledger_sum,
    tickets: rows.map((r) => Number(r.n)),
    totalTickets: drawing!.total_tickets,
  };
}

/** The T1 pass criteria; returns the failures (empty when all hold). */
function violations(o: Outcome, start: number): string[] {
  const out: string[] = [];
  const ok = o.statuses.filter((s) => s === 201).length;
  const refused = o.statuses.filter((s) => s === 409).length;
  if (ok !== 10) out.push(`${ok} purchases succeeded, expected exactly 10`);
  if (refused !== BUYERS - 10) out.push(`${refused} answered 409, expected ${BUYERS - 10}`);
  if (o.statuses.some((s) => s >= 500)) out.push("some purchases failed with 5xx");
  if (o.balance !== 0) out.push(`final balance ${o.balance}, expected 0`);
  if (o.ledgerSum !== o.balance) out.push(`ledger sums to ${o.ledgerSum}, balance is ${o.balance}`);
  if (o.ledgerSum !== start - 10 * PRICE) {
    out.push(`ledger sum ${o.ledgerSum} != start - 10 x price`);
  }
  const gapless = o.tickets.every((n, i) => n === i + 1);
  if (o.tickets.length !== 10 || !gapless) out.push(`tickets ${o.tickets.join(",")} not 1..10`);
  if (o.totalTickets !== o.tickets.length) out.push(`total_tickets ${o.totalTickets} != rows`);
  return out;
}

/** The naive purchase: read, check, write — each a separate statement, no lock. */
async function naivePurchase(t: TestContext, drawingId: string, userId: string): Promise<number> {
  const db = t.services.db;
  try {
    const [u] = await db.rows<{ b: number }>(
      sql`SELECT point_balance AS b FROM users WHERE id = ${userId}`,
    );
    if (u.b < PRICE) return 409;
    const [d] = await db.rows<{ n: number }>(
      sql`SELECT total_tickets AS n FROM drawings WHERE id = ${drawingId}`,
    );
    const left = u.b - PRICE;
    await db.rows(sql`UPDATE users SET point_balance = ${left} WHERE id = ${userId}`);
    await db.rows(
      sql`INSERT INTO point_transactions (user_id, transaction_type, amount, balance_after,
      reference_type, reference_id) VALUES (${userId}, 'spend', ${-PRICE}, ${left}, 'drawing', ${drawingId})`,
    );
    await db.rows(sql`UPDATE drawings SET total_tickets = ${d.n + 1} WHERE id = ${drawingId}`);
    await db.rows(sql`INSERT INTO tickets (drawing_id, user_id, ticket_number)
      VALUES (${drawingId}, ${userId}, ${d.n + 1})`);
    return 201;
  } catch {
    return 500;
  }
}

Deno.test("T1 - 200 concurrent purchases against a balance for 10: exactly 10 succeed", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: PRICE });
    const { user, headers } = await fundedUser(t, 10 * PRICE);
    const started = performance.now();
    const outcome = await race(t, drawing.id, user.id, async () => {
      const response = await buy(t, headers, drawing.id, 1);
      await response.body?.cancel();
      return response.status;
    });
    const ms = performance.now() - started;
    assert.deepEqual(violations(outcome, 10 * PRICE), []);
    console.log(`T1: ${BUYERS} purchases in ${ms.toFixed(0)} ms on ${t.services.db.kind}`);
  } finally {
    await t.close();
  }
});

Deno.test("T1 canary - the same check catches a naive read-then-write purchase", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: PRICE });
    const { user } = await fundedUser(t, 10 * PRICE);
    const outcome = await race(t, drawing.id, user.id, () => naivePurchase(t, drawing.id, user.id));
    const found = violations(outcome, 10 * PRICE);
    assert.ok(found.length > 0, "the naive purchase passed the double-spend check");
    console.log(`T1 canary caught: ${found.join("; ")}`);
  } finally {
    await t.close();
  }
});

Deno.test("T3 - the same purchase with one Idempotency-Key sent 50 times at once buys once", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: PRICE });
    const { user, headers } = await fundedUser(t, 100 * PRICE);
    const key = { "idempotency-key": crypto.randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const r = await buy(t, headers, drawing.id, 3, key);
        return { status: r.status, body: await r.text() };
      }),
    );
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(responses.map((r) => r.body)).size, 1, "every response has the same body");
    const spends = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM point_transactions
          WHERE user_id = ${user.id} AND transaction_type = 'spend'`,
    );
    assert.equal(Number(spends[0].n), 1);
    assert.equal((await balanceOf(t, user.id)).point_balance, 97 * PRICE);
    assert.equal(await t.services.core.store.tickets.count(drawing.id, user.id), 3);
  } finally {
    await t.close();
  }
});

Deno.test("purchases racing the sales close: every sold ticket is in the frozen list, none after", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 1 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => fundedUser(t, 1000)));
    const { transitionDrawing } = await import("../../../core/drawings/transition_drawing.ts");
    const purchases = buyers.flatMap((b) =>
      Array.from({ length: 5 }, async () => {
        const r = await buy(t, b.headers, drawing.id, 2);
        await r.body?.cancel();
        return r.status;
      })
    );
    const close = new Promise((r) => setTimeout(r, 20)).then(() =>
      transitionDrawing(t.services.core, drawing.id, "closed")
    );
    const [statuses, closed] = await Promise.all([Promise.all(purchases), close]);
    assert.ok(statuses.every((s) => s === 201 || s === 403), `statuses: ${[...new Set(statuses)]}`);
    const sold = statuses.filter((s) => s === 201).length * 2;
    const rows = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM tickets WHERE drawing_id = ${drawing.id}`,
    );
    assert.equal(Number(rows[0].n), sold);
    assert.equal(closed.frozen_ticket_count, sold, "the frozen list holds every committed ticket");
    assert.equal(closed.total_tickets, sold);
    const spent = await t.services.db.rows<{ n: number }>(
      sql`SELECT coalesce(-sum(amount), 0)::int AS n FROM point_transactions
          WHERE reference_id = ${drawing.id} AND transaction_type = 'spend'`,
    );
    assert.equal(Number(spent[0].n), sold, "points were spent only for issued tickets");
    const late = await buy(t, buyers[0].headers, drawing.id, 1);
    assert.equal(late.status, 403);
    await late.body?.cancel();
  } finally {
    await t.close();
  }
});

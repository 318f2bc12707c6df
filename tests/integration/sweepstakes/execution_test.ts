import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import { testContext } from "../../_support/services.ts";
import { sql } from "drizzle-orm";
import { verifyProof } from "../../../core/drawings/draw/mod.ts";
import type { DrawingResults } from "../../../core/drawings/drawing_results.ts";
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import type { Drawing } from "../../../core/drawings/schemas.ts";
import { advanceDrawingsTick } from "../../../jobs/advance_drawings.ts";
import { executeDueDrawingsTick } from "../../../jobs/execute_due_drawings.ts";
import { authHeaders } from "../../_support/auth.ts";
import { drawingInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import {
  adminHeaders,
  allLeaves,
  balanceOf,
  buy,
  closedDrawing,
  fundedUser,
  openDrawing,
} from "./_helpers.ts";

const PRIZES = [
  {
    rank: 1,
    name: "$50 Gift Card",
    value_usd: 50,
    quantity: 1,
    fulfillment_type: "digital" as const,
  },
  {
    rank: 2,
    name: "Fitness Watch",
    value_usd: 250,
    quantity: 1,
    fulfillment_type: "physical" as const,
  },
  {
    rank: 3,
    name: "Water Bottle",
    value_usd: 20,
    quantity: 1,
    fulfillment_type: "physical" as const,
  },
];

Deno.test("execution - commit at schedule, freeze at close, execute once, publish results and a proof that verifies", async () => {
  const t = await testContext();
  try {
    const admin = await adminHeaders(t);
    const created = await expectJson<Drawing>(
      await t.request("/api/v1/admin/drawings", {
        method: "POST",
        headers: admin,
        json: {
          ...drawingInput({ prizes: PRIZES }),
          ticket_sales_close: "2099-01-01T00:00:00Z",
          drawing_time: "2099-01-02T00:00:00Z",
          rules_text: "Official rules v1",
        },
      }),
      201,
    );
    assert.equal(created.status, "draft");
    assert.equal(created.commitment, null);
    assert.match(created.rules_sha256!, /^[0-9a-f]{64}$/);
    const put = (json: unknown) =>
      t.request(`/api/v1/admin/drawings/${created.id}`, { method: "PUT", headers: admin, json });
    const scheduled = await expectJson<Drawing>(await put({ status: "scheduled" }), 200);
    assert.match(scheduled.commitment!, /^[0-9a-f]{64}$/);
    assert.equal(scheduled.random_seed, null, "the seed stays secret until execution");
    await expectJson(await put({ status: "open" }), 200);
    const buyers = [];
    for (let i = 0; i < 4; i++) {
      const b = await fundedUser(t, 1000);
      await expectJson(await buy(t, b.headers, created.id, 3), 201);
      buyers.push(b);
    }
    const early = await t.request(`/api/v1/admin/drawings/${created.id}/execute`, {
      method: "POST",
      headers: admin,
    });
    assert.match((await expectProblem(early, 409)).detail, /Only a closed drawing/);
    const closed = await expectJson<Drawing>(await put({ status: "closed" }), 200);
    assert.match(closed.merkle_root!, /^[0-9a-f]{64}$/);
    assert.equal(closed.frozen_ticket_count, 12);
    await expectProblem(await put({ status: "completed" }), 409);
    const user = await authHeaders(t, "user");
    await expectProblem(
      await t.request(`/api/v1/admin/drawings/${created.id}/execute`, {
        method: "POST",
        headers: user,
      }),
      403,
    );
    const run = await expectJson<{ winners: number; ticket_count: number }>(
      await t.request(`/api/v1/admin/drawings/${created.id}/execute`, {
        method: "POST",
        headers: admin,
      }),
      200,
    );
    assert.equal(run.ticket_count, 12);
    assert.equal(run.winners, 3);
    await expectProblem(
      await t.request(`/api/v1/admin/drawings/${created.id}/execute`, {
        method: "POST",
        headers: admin,
      }),
      409,
    );
    const done = await t.services.core.store.drawings.findById(created.id);
    assert.equal(done!.status, "completed");
    assert.ok(done!.completed_at);
    assert.equal(done!.commitment, scheduled.commitment);

    // Results, as a participant sees them.
    const results = await expectJson<DrawingResults>(
      await t.request(`/api/v1/drawings/${created.id}/results`, { headers: buyers[0].headers }),
      200,
    );
    assert.deepEqual(results.winners.map((w) => w.prize_rank), [1, 2, 3]);
    assert.equal(results.total_tickets, 12);
    assert.equal(results.your_tickets, 3);
    assert.equal(new Set(results.winners.map((w) => w.ticket_number)).size, 3);
    const digital = results.winners.find((w) => w.prize_rank === 1)!;
    assert.equal(digital.fulfillment_status, "delivered");
    assert.equal(
      results.winners.find((w) => w.prize_rank === 2)!.fulfillment_status,
      "winner_notified",
    );

    // The proof, verified from the published JSON alone.
    const proof = await expectJson<Record<string, unknown>>(
      await t.request(`/api/v1/drawings/${created.id}/proof`),
      200,
    );
    assert.equal(proof.commitment, scheduled.commitment);
    assert.equal(proof.merkle_root, closed.merkle_root);
    const leaves = await allLeaves(t, created.id);
    assert.equal(leaves.length, 12);
    assert.deepEqual(verifyProof(proof, leaves), { ok: true, problems: [] });
    const tampered = leaves.map((l, i) => (i === 5 ? { ...l, ticket_id: crypto.randomUUID() } : l));
    assert.equal(verifyProof(proof, tampered).ok, false);
    assert.equal(verifyProof({ ...proof, seed: "00".repeat(32) }, leaves).ok, false);

    // Inclusion proofs for a buyer's own tickets.
    const mine = await expectJson<{ tickets: { audit_path: string[] }[] }>(
      await t.request(`/api/v1/drawings/${created.id}/tickets/mine/proof`, {
        headers: buyers[1].headers,
      }),
      200,
    );
    assert.equal(mine.tickets.length, 3);

    // Every participant got mail: winners their prize notice, the rest the results.
    const kinds = await t.services.db.rows<{ kind: string; n: number }>(
      sql`SELECT kind, count(*)::int AS n FROM outbox WHERE kind LIKE 'drawing_%' GROUP BY kind`,
    );
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    assert.equal(byKind.drawing_winner, 3);
    const winnerIds = new Set(
      (await t.services.core.store.tickets.winners(created.id)).map((w) => w.user_id),
    );
    assert.equal(byKind.drawing_results ?? 0, 4 - winnerIds.size);
  } finally {
    await t.close();
  }
});

Deno.test("execution - per-user cap: 2 buyers, 3 prizes, cap 1 → 2 winners, distinct people", async () => {
  const t = await testContext();
  try {
    const { drawing } = await closedDrawing(t, { prizes: PRIZES, buyers: 2, each: 5 });
    const admin = await adminHeaders(t);
    const run = await expectJson<{ winners: number }>(
      await t.request(`/api/v1/admin/drawings/${drawing.id}/execute`, {
        method: "POST",
        headers: admin,
      }),
      200,
    );
    assert.equal(run.winners, 2);
    const winners = await t.services.core.store.tickets.winners(drawing.id);
    assert.equal(new Set(winners.map((w) => w.user_id)).size, 2);
    assert.deepEqual(winners.map((w) => w.prize_rank), [1, 2]);
  } finally {
    await t.close();
  }
});

Deno.test("T5 - five concurrent executions of one drawing produce one result", async () => {
  const t = await testContext();
  try {
    const { drawing } = await closedDrawing(t, { prizes: PRIZES, buyers: 5 });
    const admin = await adminHeaders(t);
    const statuses = await Promise.all(Array.from({ length: 5 }, async () => {
      const r = await t.request(`/api/v1/admin/drawings/${drawing.id}/execute`, {
        method: "POST",
        headers: admin,
      });
      await r.body?.cancel();
      return r.status;
    }));
    assert.deepEqual(statuses.sort(), [200, 409, 409, 409, 409]);
    const rows = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM drawing_results WHERE drawing_id = ${drawing.id}`,
    );
    assert.equal(Number(rows[0].n), 1);
    const fulfillments = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM prize_fulfillments WHERE drawing_id = ${drawing.id}`,
    );
    assert.equal(Number(fulfillments[0].n), 3);
  } finally {
    await t.close();
  }
});

Deno.test("cancel - cancelling an open drawing refunds every ticket's points with a note", async () => {
  const t = await testContext();
  try {
    const drawing = await openDrawing(t, { ticket_cost_points: 40 });
    const a = await fundedUser(t, 500);
    const b = await fundedUser(t, 500);
    await expectJson(await buy(t, a.headers, drawing.id, 3), 201);
    await expectJson(await buy(t, b.headers, drawing.id, 1), 201);
    await expectJson(await buy(t, a.headers, drawing.id, 2), 201);
    const admin = await adminHeaders(t);
    const cancelled = await expectJson<Drawing>(
      await t.request(`/api/v1/admin/drawings/${drawing.id}`, {
        method: "PUT",
        headers: admin,
        json: { status: "cancelled" },
      }),
      200,
    );
    assert.equal(cancelled.status, "cancelled");
    assert.ok(cancelled.cancelled_at);
    for (const u of [a, b]) {
      const balance = await balanceOf(t, u.user.id);
      assert.equal(balance.point_balance, 500);
      assert.equal(balance.consistent, true);
    }
    const refunds = await t.services.core.store.points.list({
      page: 1,
      perPage: 10,
      sort: [],
      filters: { user_id: a.user.id, transaction_type: "refund" },
    });
    assert.equal(refunds.items.length, 1);
    assert.equal(refunds.items[0].amount, 200);
    assert.match(refunds.items[0].description, /cancelled/);
    await expectProblem(
      await t.request(`/api/v1/admin/drawings/${drawing.id}`, {
        method: "PUT",
        headers: admin,
        json: { status: "open" },
      }),
      409,
    );
    await expectProblem(await buy(t, a.headers, drawing.id, 1), 403);
  } finally {
    await t.close();
  }
});

Deno.test("jobs - advance opens and closes by time, execute runs due drawings once", async () => {
  const t = await testContext();
  try {
    const core = t.services.core;
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * 60_000);
    const drawing = await createDrawing(
      core,
      drawingInput({
        prizes: PRIZES.slice(0, 1),
        ticket_sales_close: at(60).toISOString(),
        drawing_time: at(120).toISOString(),
      }),
    );
    await t.services.core.store.drawings.update(drawing.id, { status: "draft" });
    const { transitionDrawing } = await import("../../../core/drawings/transition_drawing.ts");
    await transitionDrawing(core, drawing.id, "scheduled");
    assert.match(await advanceDrawingsTick(t.services, at(1)), /opened 1, closed 0/);
    const buyer = await fundedUser(t, 1000);
    await expectJson(await buy(t, buyer.headers, drawing.id, 2), 201);
    assert.match(await executeDueDrawingsTick(t.services, at(61)), /executed 0/);
    assert.match(await advanceDrawingsTick(t.services, at(61)), /opened 0, closed 1/);
    assert.match(await advanceDrawingsTick(t.services, at(62)), /opened 0, closed 0/);
    assert.match(await executeDueDrawingsTick(t.services, at(100)), /executed 0/);
    assert.match(await executeDueDrawingsTick(t.services, at(121)), /executed 1/);
    assert.match(await executeDueDrawingsTick(t.services, at(122)), /executed 0/);
    const done = await core.store.drawings.findById(drawing.id);
    assert.equal(done!.status, "completed");
  } finally {
    await t.close();
  }
});

Deno.test("execution - a drawing opened and closed behind the state machine (demo data) still executes verifiably", async () => {
  const t = await testContext();
  try {
    const store = t.services.core.store;
    const drawing = await createDrawing(
      t.services.core,
      drawingInput({
        prizes: PRIZES.slice(0, 1),
        ticket_sales_close: "2099-01-01T00:00:00Z",
        drawing_time: "2099-01-02T00:00:00Z",
      }),
    );
    await store.drawings.update(drawing.id, { status: "open" });
    const buyer = await fundedUser(t, 1000);
    await expectJson(await buy(t, buyer.headers, drawing.id, 2), 201);
    await store.drawings.update(drawing.id, { status: "closed" });
    const admin = await adminHeaders(t);
    await expectJson(
      await t.request(`/api/v1/admin/drawings/${drawing.id}/execute`, {
        method: "POST",
        headers: admin,
      }),
      200,
    );
    const proof = await expectJson(await t.request(`/api/v1/drawings/${drawing.id}/proof`), 200);
    assert.equal(verifyProof(proof, await allLeaves(t, drawing.id)).ok, true);
  } finally {
    await t.close();
  }
});

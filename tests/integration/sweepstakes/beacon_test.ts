import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
// First: the app graph extends zod with .openapi() before any core schema is built.
import { testContext } from "../../_support/services.ts";
import {
  beaconOf,
  fromHex,
  type Proof,
  QUICKNET,
  roundTime,
  toHex,
  verifyProof,
} from "../../../core/drawings/draw/mod.ts";
import type { Drawing } from "../../../core/drawings/schemas.ts";
import { parseConfig } from "../../../config.ts";
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { purchaseTickets } from "../../../core/tickets/purchase_tickets.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { createServices } from "../../../services.ts";
import { userInput } from "../../_support/factories.ts";
import { cliEnv } from "../cli/_cli.ts";
import { verifyQuicknetSignature } from "../../../integrations/drand/quicknet.ts";
import { advanceDrawingsTick } from "../../../jobs/advance_drawings.ts";
import { executeDueDrawingsTick } from "../../../jobs/execute_due_drawings.ts";
import { movableClock } from "../../_support/auth.ts";
import { drawingInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { adminHeaders, allLeaves, buy, fundedUser } from "./_helpers.ts";

/** Round 1000 of drand quicknet, as published (fair-drawings.md). */
const ROUND_1000_SIGNATURE =
  "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";

type Mode = "ok" | "missing" | "forged";

/** A local stand-in for the drand HTTP API that knows one round. */
function fakeDrand() {
  let mode: Mode = "missing";
  const requests: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (mode === "missing" || path !== `/${QUICKNET.chainHash}/public/1000`) {
      return new Response("not found", { status: 404 });
    }
    const signature = fromHex(ROUND_1000_SIGNATURE);
    if (mode === "forged") signature[7] ^= 0x01;
    return Response.json({ round: 1000, randomness: "ignored", signature: toHex(signature) });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    set(next: Mode) {
      mode = next;
    },
    close: () => server.shutdown(),
  };
}

// Sales close at round 990's time, so the pinned round (close + 10 rounds) is round 1000.
const SALES_CLOSE = roundTime(990).toISOString();

Deno.test("beacon - round pinned at scheduling; unfetchable or forged rounds leave the drawing closed; the real round completes it and its proof verifies", async () => {
  const drand = fakeDrand();
  const clock = movableClock("2023-08-23T15:45:00Z");
  const t = await testContext({ clock, env: { DRAND_URL: drand.url } });
  try {
    const admin = await adminHeaders(t);
    const created = await expectJson<Drawing>(
      await t.request("/api/v1/admin/drawings", {
        method: "POST",
        headers: admin,
        json: {
          ...drawingInput(),
          use_beacon: true,
          ticket_sales_close: SALES_CLOSE,
          drawing_time: "2023-08-23T16:00:00Z",
        },
      }),
      201,
    );
    assert.equal(created.use_beacon, true);
    assert.equal(created.beacon_round, null);
    const put = (json: unknown) =>
      t.request(`/api/v1/admin/drawings/${created.id}`, { method: "PUT", headers: admin, json });
    // The round is pinned from the stored sales close: it cannot change in the same request.
    const coupled = await expectProblem(
      await put({ status: "scheduled", ticket_sales_close: "2023-08-23T15:58:00Z" }),
      422,
    );
    assert.deepEqual(coupled.errors?.map((e) => e.field), ["ticket_sales_close"]);
    assert.equal((await t.services.core.store.drawings.findById(created.id))!.status, "draft");
    const scheduled = await expectJson<Drawing>(await put({ status: "scheduled" }), 200);
    assert.equal(scheduled.beacon_round, 1000);
    // R cannot move, so sales cannot be extended past it.
    const late = await expectProblem(
      await put({ ticket_sales_close: "2023-08-23T15:59:59Z" }),
      409,
    );
    assert.deepEqual(late.errors?.map((e) => e.field), ["ticket_sales_close"]);
    await expectJson(await put({ status: "open" }), 200);
    for (let i = 0; i < 3; i++) {
      const buyer = await fundedUser(t, 1000);
      // Accounts are stamped by the database's own clock (today); this test lives in 2023.
      await t.services.db.rows(
        sql`UPDATE users SET created_at = '2023-01-01T00:00:00Z' WHERE id = ${buyer.user.id}`,
      );
      await expectJson(await buy(t, buyer.headers, created.id, 2), 201);
    }
    clock.advance(16 * 60_000); // 16:01, past sales close and drawing time
    await advanceDrawingsTick(t.services, clock.now());
    const execute = () =>
      t.request(`/api/v1/admin/drawings/${created.id}/execute`, { method: "POST", headers: admin });

    // Not published (404): the job reports it and the drawing stays closed, to be retried.
    await assert.rejects(
      executeDueDrawingsTick(t.services, clock.now()),
      /drand round 1000 could not be fetched .*HTTP 404.*stays closed and will be retried/,
    );
    const unavailable = await expectProblem(await execute(), 503);
    assert.match(unavailable.detail, /drand round 1000 could not be fetched/);
    assert.equal((await t.services.core.store.drawings.findById(created.id))!.status, "closed");

    // A forged signature is refused, not drawn over.
    drand.set("forged");
    const forged = await expectProblem(await execute(), 503);
    assert.match(
      forged.detail,
      /drand round 1000 was refused .*signature of round 1000 does not verify/,
    );
    assert.equal((await t.services.core.store.drawings.findById(created.id))!.status, "closed");
    assert.equal(await t.services.core.store.drawings.result(created.id), null);

    // The real round: executed by the job, once.
    drand.set("ok");
    assert.match(await executeDueDrawingsTick(t.services, clock.now()), /executed 1 drawings/);
    assert.equal((await t.services.core.store.drawings.findById(created.id))!.status, "completed");
    assert.ok(drand.requests.every((p) => p === `/${QUICKNET.chainHash}/public/1000`));

    const proof = await expectJson<Proof>(
      await t.request(`/api/v1/drawings/${created.id}/proof`),
      200,
    );
    assert.deepEqual(proof.beacon, {
      chain_hash: QUICKNET.chainHash,
      round: 1000,
      signature: ROUND_1000_SIGNATURE,
      randomness: "fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd",
    });
    const leaves = await allLeaves(t, created.id);
    const check = { checkBeaconSignature: verifyQuicknetSignature };
    assert.deepEqual(verifyProof(proof, leaves, check), { ok: true, problems: [] });
    const tampered = structuredClone(proof);
    tampered.beacon!.signature = tampered.beacon!.signature.replace(/^b4/, "b5");
    const verdict = verifyProof(tampered, leaves, check);
    assert.equal(verdict.ok, false);
    assert.match(verdict.problems.join("\n"), /randomness is not SHA-256|does not verify/);
  } finally {
    await t.close();
    await drand.close();
  }
});

Deno.test("beacon - a beacon drawing cannot be scheduled while DRAND_URL is unset", async () => {
  const t = await testContext();
  try {
    const admin = await adminHeaders(t);
    const created = await expectJson<Drawing>(
      await t.request("/api/v1/admin/drawings", {
        method: "POST",
        headers: admin,
        json: { ...drawingInput(), use_beacon: true },
      }),
      201,
    );
    const refused = await expectProblem(
      await t.request(`/api/v1/admin/drawings/${created.id}`, {
        method: "PUT",
        headers: admin,
        json: { status: "scheduled" },
      }),
      409,
    );
    assert.deepEqual(refused.errors?.map((e) => e.field), ["use_beacon"]);
    assert.match(refused.detail, /DRAND_URL is not set/);
    const still = (await t.services.core.store.drawings.findById(created.id))!;
    assert.equal(still.status, "draft");
    assert.equal(still.commitment, null);
  } finally {
    await t.close();
  }
});

Deno.test("beacon - fittrack drawings verify checks the beacon signature of an executed drawing", async () => {
  const drand = fakeDrand();
  drand.set("ok");
  const cli = await cliEnv();
  let id = "";
  try {
    const clock = movableClock("2023-08-23T15:45:00Z");
    const services = await createServices(
      parseConfig({ ...cli.env, LOG_LEVEL: "silent", DRAND_URL: drand.url }),
      { clock },
    );
    try {
      const core = services.core;
      const drawing = await createDrawing(core, {
        ...drawingInput({ ticket_cost_points: 10 }),
        use_beacon: true,
        ticket_sales_close: SALES_CLOSE,
        drawing_time: "2023-08-23T16:00:00Z",
      });
      id = drawing.id;
      assert.equal((await transitionDrawing(core, id, "scheduled")).beacon_round, 1000);
      await transitionDrawing(core, id, "open");
      const buyer = await createUser(core, userInput());
      await services.db.rows(
        sql`UPDATE users SET created_at = '2023-01-01T00:00:00Z' WHERE id = ${buyer.id}`,
      );
      await postLedgerEntry(core, {
        user_id: buyer.id,
        transaction_type: "adjust",
        amount: 30,
        description: "t",
      });
      await purchaseTickets(core, { userId: buyer.id, drawingId: id, quantity: 3 });
      clock.advance(16 * 60_000);
      await transitionDrawing(core, id, "closed");
      await executeDrawing(core, id);
    } finally {
      await services.close();
    }
    const verified = await cli.run("drawings", "verify", id);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /VERIFIED drawing/);
    // Forge the stored beacon (signature and matching randomness): verification must fail.
    const forged = beaconOf(1000, flip(ROUND_1000_SIGNATURE));
    const db = await createServices(parseConfig({ ...cli.env, LOG_LEVEL: "silent" }));
    try {
      await db.db.rows(
        sql`UPDATE drawing_results SET proof = jsonb_set(proof, '{beacon}', ${
          JSON.stringify(forged)
        }::jsonb) WHERE drawing_id = ${id}`,
      );
    } finally {
      await db.close();
    }
    const refused = await cli.run("drawings", "verify", id);
    assert.equal(refused.code, 4, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /beacon signature of round 1000 does not verify/);
  } finally {
    await cli.close();
    await drand.close();
  }
});

function flip(hex: string): string {
  const bytes = fromHex(hex);
  bytes[11] ^= 0x01;
  return toHex(bytes);
}

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { DomainError } from "../../../core/errors.ts";
import { authHeaders } from "../../_support/auth.ts";
import { userInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

Deno.test("points - ledger entries move the balance and the balance matches the ledger", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    const user = await createUser(t.services.core, userInput());
    const core = t.services.core;
    await postLedgerEntry(core, {
      user_id: user.id,
      transaction_type: "earn",
      amount: 300,
      description: "steps",
    });
    await postLedgerEntry(core, {
      user_id: user.id,
      transaction_type: "spend",
      amount: -120,
      description: "tickets",
    });
    await postLedgerEntry(core, {
      user_id: user.id,
      transaction_type: "adjust",
      amount: 20,
      description: "support",
    });
    await assert.rejects(
      postLedgerEntry(core, {
        user_id: user.id,
        transaction_type: "spend",
        amount: -500,
        description: "too much",
      }),
      (e) => e instanceof DomainError && e.code === "insufficient_points",
    );

    const balance = await expectJson<Record<string, unknown>>(
      await t.request(`/api/v1/points/balance?user_id=${user.id}`, { headers }),
      200,
    );
    assert.deepEqual(balance, {
      user_id: user.id,
      point_balance: 200,
      points_earned_total: 300,
      ledger_sum: 200,
      consistent: true,
    });

    const page = await expectJson<{ items: { amount: number; balance_after: number }[] }>(
      await t.request(`/api/v1/points/transactions?filter[user_id]=${user.id}&sort=created_at`, {
        headers,
      }),
      200,
    );
    assert.deepEqual(page.items.map((i) => [i.amount, i.balance_after]), [[300, 300], [-120, 180], [
      20,
      200,
    ]]);

    await expectProblem(
      await t.request("/api/v1/points/transactions?filter[transaction_type]=gift", { headers }),
      400,
      "filter[transaction_type]",
    );
    await expectProblem(
      await t.request("/api/v1/points/balance?user_id=nope", { headers }),
      400,
      "user_id",
    );
  } finally {
    await t.close();
  }
});

/** The messages of an error and its causes (drizzle wraps the driver's error). */
function causes(error: unknown): string {
  const out: string[] = [];
  for (
    let e = error as { message?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  ) {
    out.push(String(e.message));
  }
  return out.join(" <- ");
}

Deno.test("points - the database refuses UPDATE and DELETE on the ledger", async () => {
  const t = await testContext();
  try {
    const user = await createUser(t.services.core, userInput());
    await postLedgerEntry(t.services.core, {
      user_id: user.id,
      transaction_type: "earn",
      amount: 50,
      description: "walk",
    });
    await assert.rejects(
      t.services.db.orm.execute(sql`UPDATE point_transactions SET amount = 5000`),
      (e) => /append-only: UPDATE refused/.test(causes(e)),
    );
    await assert.rejects(
      t.services.db.orm.execute(sql`DELETE FROM point_transactions`),
      (e) => /append-only: DELETE refused/.test(causes(e)),
    );
    const rows = await t.services.db.rows<{ amount: number }>(
      sql`SELECT amount FROM point_transactions`,
    );
    assert.deepEqual(rows.map((r) => r.amount), [50]);
  } finally {
    await t.close();
  }
});

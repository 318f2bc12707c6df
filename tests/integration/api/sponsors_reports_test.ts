import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { authHeaders } from "../../_support/auth.ts";
import { userInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

Deno.test("sponsors API - CRUD with unique names", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    const acme = await expectJson<{ id: string; status: string }>(
      await t.request("/api/v1/sponsors", {
        method: "POST",
        json: { name: "Acme Fitness" },
        headers,
      }),
      201,
    );
    await expectProblem(
      await t.request("/api/v1/sponsors", {
        method: "POST",
        json: { name: "ACME fitness" },
        headers,
      }),
      409,
      "name",
    );
    await expectProblem(
      await t.request("/api/v1/sponsors", {
        method: "POST",
        json: { name: "X", website_url: "not a url" },
        headers,
      }),
      422,
      "website_url",
    );
    const updated = await expectJson<{ status: string }>(
      await t.request(`/api/v1/sponsors/${acme.id}`, {
        method: "PUT",
        json: { status: "inactive" },
        headers,
      }),
      200,
    );
    assert.equal(updated.status, "inactive");
    assert.equal(
      (await t.request(`/api/v1/sponsors/${acme.id}`, { method: "DELETE", headers })).status,
      204,
    );
    await expectProblem(await t.request(`/api/v1/sponsors/${acme.id}`, { headers }), 404);
  } finally {
    await t.close();
  }
});

interface SummaryBody {
  totals: { users: number };
  entities: Record<string, number>;
  integrity: { passed: boolean; checks: { name: string; passed: boolean; violations: number }[] };
}

Deno.test("reports API - summary counts rows and the integrity checks really query", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    const user = await createUser(t.services.core, userInput());
    await postLedgerEntry(t.services.core, {
      user_id: user.id,
      transaction_type: "earn",
      amount: 40,
      description: "walk",
    });
    const before = await expectJson<SummaryBody>(
      await t.request("/api/v1/reports/summary", { headers }),
      200,
    );
    assert.ok(before.totals.users >= 1);
    assert.equal(before.entities.point_transactions, 1);
    assert.equal(before.integrity.passed, true, JSON.stringify(before.integrity));

    // Break the balance behind the ledger's back: the check must notice.
    await t.services.db.orm.execute(
      sql`UPDATE users SET point_balance = 999 WHERE id = ${user.id}`,
    );
    const after = await expectJson<SummaryBody>(
      await t.request("/api/v1/reports/summary", { headers }),
      200,
    );
    assert.equal(after.integrity.passed, false);
    const check = after.integrity.checks.find((c) => c.name === "balance_matches_ledger")!;
    assert.equal(check.violations, 1);
  } finally {
    await t.close();
  }
});

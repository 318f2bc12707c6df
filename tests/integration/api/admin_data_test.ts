import assert from "node:assert/strict";
import { createApp } from "../../../api/app.ts";
import { DEMO_PASSWORD } from "../../../core/admin/demo_accounts.ts";
import { testContext } from "../../_support/services.ts";
import { authHeaders, bearer, signIn } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";

interface Stats {
  action: string;
  options: { users: number; activities: number; drawings: number; seed: number };
  entities: Record<string, number>;
  duration_ms: number;
}

Deno.test("admin data API - seed answers statistics and the summary's integrity passes", async () => {
  const t = await testContext();
  try {
    const admin = await authHeaders(t, "admin");
    const stats = await expectJson<Stats>(
      await t.request("/api/v1/admin/seed", {
        method: "POST",
        headers: admin,
        json: { users: 60, activities: 600, seed: 5 },
      }),
      200,
    );
    assert.equal(stats.action, "seed");
    assert.deepEqual(stats.options, { users: 60, activities: 600, drawings: 10, seed: 5 });
    assert.equal(stats.entities.users, 60);
    assert.equal(stats.entities.activities, 600);
    assert.ok(stats.entities.tickets >= 100);

    // The seed replaced every user, the caller included: sign in as the demo admin.
    const session = await signIn(t, "admin@fittrack.dev", DEMO_PASSWORD);
    const summary = await expectJson<
      { integrity: { passed: boolean; checks: unknown[] }; totals: { users: number } }
    >(await t.request("/api/v1/reports/summary", { headers: bearer(session.access_token) }), 200);
    assert.equal(summary.totals.users, 60);
    assert.ok(summary.integrity.passed, JSON.stringify(summary.integrity.checks));

    // The seed wrote the ledger directly; the boards were rebuilt from it.
    const board = await expectJson<{ rankings: { points: number }[]; total_users: number }>(
      await t.request("/api/v1/leaderboards/alltime?tier=OPEN", {
        headers: bearer(session.access_token),
      }),
      200,
    );
    assert.ok(board.rankings.length > 0 && board.rankings[0].points > 0, JSON.stringify(board));
  } finally {
    await t.close();
  }
});

Deno.test("admin data API - reset drops, migrates and seeds with defaults (no body)", async () => {
  const t = await testContext();
  try {
    const admin = await authHeaders(t, "admin");
    const stats = await expectJson<Stats>(
      await t.request("/api/v1/admin/reset", { method: "POST", headers: admin }),
      200,
    );
    assert.equal(stats.action, "reset");
    assert.deepEqual(stats.options, { users: 50, activities: 400, drawings: 10, seed: 42 });
    assert.equal(stats.entities.users, 50);
    assert.equal(stats.entities.sponsors, 10);
  } finally {
    await t.close();
  }
});

Deno.test("admin data API - only admins, bad options are 422 naming the field", async () => {
  const t = await testContext();
  try {
    await expectProblem(await t.request("/api/v1/admin/seed", { method: "POST", json: {} }), 401);
    await expectProblem(
      await t.request("/api/v1/admin/reset", {
        method: "POST",
        headers: await authHeaders(t, "premium"),
        json: {},
      }),
      403,
    );
    const admin = await authHeaders(t, "admin");
    await expectProblem(
      await t.request("/api/v1/admin/seed", { method: "POST", headers: admin, json: { users: 5 } }),
      422,
      "users",
    );
    await expectProblem(
      await t.request("/api/v1/admin/seed", {
        method: "POST",
        headers: admin,
        json: { drawings: "many" },
      }),
      422,
      "drawings",
    );
    await expectProblem(
      await t.request("/api/v1/admin/seed", {
        method: "POST",
        headers: admin,
        json: { colour: 1 },
      }),
      422,
    );
    const users = await t.services.core.store.users.list({
      page: 1,
      perPage: 10,
      sort: [],
      filters: {},
    });
    assert.equal(users.pagination.total, 2, "nothing was seeded: only the two callers exist");
  } finally {
    await t.close();
  }
});

Deno.test("admin data API - absent in production (404 even for an admin)", async () => {
  const t = await testContext();
  try {
    const admin = await authHeaders(t, "admin");
    const production = createApp({
      ...t.services,
      config: { ...t.services.config, isProduction: true, APP_ENV: "production" },
    });
    for (const path of ["/api/v1/admin/seed", "/api/v1/admin/reset"]) {
      await expectProblem(
        await production.request(path, {
          method: "POST",
          headers: { ...admin, "content-type": "application/json" },
          body: "{}",
        }),
        404,
      );
    }
    const doc = await expectJson<{ paths: Record<string, unknown> }>(
      await t.request("/openapi.json"),
      200,
    );
    assert.ok(doc.paths["/api/v1/admin/seed"] && doc.paths["/api/v1/admin/reset"]);
  } finally {
    await t.close();
  }
});

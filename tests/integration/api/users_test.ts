import assert from "node:assert/strict";
import { testContext } from "../../_support/services.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { userInput } from "../../_support/factories.ts";
import { authHeaders, authUser, requestAs } from "../../_support/auth.ts";

interface UserBody {
  id: string;
  email: string;
  updated_at: string;
  created_at: string;
  version: number;
  profile: { tier_code: string; display_name: string };
}

Deno.test("users API - CRUD round trip with soft delete", async () => {
  const t = await testContext();
  try {
    const request = requestAs(t, await authHeaders(t, "admin"));
    const input = userInput({ fitness_level: "beginner", biological_sex: "male" });
    const created = await expectJson<UserBody>(
      await request("/api/v1/users", { method: "POST", json: input }),
      201,
    );
    assert.equal(created.email, input.email);
    assert.match(created.profile.tier_code, /^M-(30-39|18-29)-BEG$/);

    const got = await expectJson<UserBody & { connections: unknown[] }>(
      await request(`/api/v1/users/${created.id}`),
      200,
    );
    assert.deepEqual(got.connections, []);

    await new Promise((r) => setTimeout(r, 5));
    const updated = await expectJson<UserBody>(
      await request(`/api/v1/users/${created.id}`, {
        method: "PUT",
        json: { display_name: "Renamed", fitness_level: "advanced", version: created.version },
      }),
      200,
    );
    assert.equal(updated.profile.display_name, "Renamed");
    assert.match(updated.profile.tier_code, /-ADV$/);
    assert.ok(updated.updated_at > created.updated_at, "updated_at moves forward");

    const stale = await request(`/api/v1/users/${created.id}`, {
      method: "PUT",
      json: { display_name: "Stale", version: created.version },
    });
    await expectProblem(stale, 409);

    const deleted = await request(`/api/v1/users/${created.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 204);
    await expectProblem(await request(`/api/v1/users/${created.id}`), 404);
    const list = await expectJson<{ items: UserBody[] }>(await request("/api/v1/users"), 200);
    assert.ok(!list.items.some((u) => u.id === created.id));
    const row = await t.services.core.store.users.findById(created.id, { includeDeleted: true });
    assert.ok(row, "the row is still there");
  } finally {
    await t.close();
  }
});

Deno.test("users API - bad input answers problem+json and changes nothing", async () => {
  const t = await testContext();
  try {
    const request = requestAs(t, await authHeaders(t, "admin"));
    const { email: _email, ...noEmail } = userInput();
    await expectProblem(
      await request("/api/v1/users", { method: "POST", json: noEmail }),
      422,
      "email",
    );
    await expectProblem(
      await request("/api/v1/users", {
        method: "POST",
        json: userInput({ date_of_birth: "2015-01-01" }),
      }),
      422,
      "date_of_birth",
    );
    await expectProblem(
      await request("/api/v1/users", {
        method: "POST",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    await expectProblem(await request("/api/v1/users/not-a-uuid"), 400, "id");
    await expectProblem(await request("/api/v1/users?per_page=101"), 400, "per_page");
    await expectProblem(await request("/api/v1/users?sort=password_hash"), 400, "sort");
    await expectProblem(
      await request("/api/v1/users?filter[password_hash]=x"),
      400,
      "filter[password_hash]",
    );
    await expectProblem(
      await request("/api/v1/users/550e8400-e29b-41d4-a716-446655440000"),
      404,
    );
    const first = userInput();
    await expectJson(await request("/api/v1/users", { method: "POST", json: first }), 201);
    await expectProblem(
      await request("/api/v1/users", {
        method: "POST",
        json: { ...userInput(), email: first.email.toUpperCase() },
      }),
      409,
      "email",
    );
    const big = "x".repeat(1_100_000);
    await expectProblem(
      await request("/api/v1/users", {
        method: "POST",
        json: { ...userInput(), display_name: big },
      }),
      413,
    );
    const list = await expectJson<{ pagination: { total: number } }>(
      await request("/api/v1/users"),
      200,
    );
    assert.equal(list.pagination.total, 2, "only the admin and the one valid user exist");
  } finally {
    await t.close();
  }
});

Deno.test("users API - list paginates and sorts by created_at descending", async () => {
  const t = await testContext();
  try {
    const request = requestAs(t, await authHeaders(t, "admin"));
    for (let i = 0; i < 5; i++) {
      await expectJson(
        await request("/api/v1/users", { method: "POST", json: userInput() }),
        201,
      );
    }
    const page = await expectJson<{ items: UserBody[]; pagination: Record<string, number> }>(
      await request("/api/v1/users?page=2&per_page=2&sort=-created_at"),
      200,
    );
    // Five created here plus the admin making the calls.
    assert.deepEqual(page.pagination, { page: 2, per_page: 2, total: 6, total_pages: 3 });
    assert.equal(page.items.length, 2);
    const all = await expectJson<{ items: UserBody[] }>(
      await request("/api/v1/users?sort=-created_at"),
      200,
    );
    const times = all.items.map((u) => u.created_at);
    assert.deepEqual(times, [...times].sort().reverse());
  } finally {
    await t.close();
  }
});

Deno.test("users API - RBAC: admin-only routes, self-or-admin reads and edits", async () => {
  const t = await testContext();
  try {
    const me = await authUser(t, "user");
    const other = await authUser(t, "premium");
    const asUser = requestAs(t, me.headers);
    const anonymous = await expectProblem(await t.request("/api/v1/users"), 401);
    assert.equal(anonymous.detail, "Authentication required");
    for (const [path, method] of [["/api/v1/users", "GET"], ["/api/v1/users", "POST"]] as const) {
      const body = await expectProblem(
        await asUser(path, { method, json: method === "POST" ? userInput() : undefined }),
        403,
      );
      assert.equal(body.detail, "Insufficient permissions");
    }
    await expectProblem(await asUser(`/api/v1/users/${other.user.id}`, { method: "DELETE" }), 403);
    await expectJson(await asUser(`/api/v1/users/${me.user.id}`), 200);
    await expectProblem(await asUser(`/api/v1/users/${other.user.id}`), 403);
    await expectProblem(
      await asUser(`/api/v1/users/${other.user.id}`, {
        method: "PUT",
        json: { display_name: "Hacked" },
      }),
      403,
    );
    await expectProblem(
      await asUser(`/api/v1/users/${me.user.id}`, { method: "PUT", json: { role: "admin" } }),
      403,
    );
    const renamed = await expectJson<UserBody>(
      await asUser(`/api/v1/users/${me.user.id}`, {
        method: "PUT",
        json: { display_name: "Own Name" },
      }),
      200,
    );
    assert.equal(renamed.profile.display_name, "Own Name");
    const still = await t.services.core.store.users.findById(me.user.id);
    assert.equal(still?.role, "user", "the role did not change");
    const otherRow = await t.services.core.store.users.findById(other.user.id);
    assert.notEqual(otherRow?.profile?.display_name, "Hacked");
  } finally {
    await t.close();
  }
});

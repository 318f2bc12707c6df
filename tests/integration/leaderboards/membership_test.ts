import assert from "node:assert/strict";
import { deleteUser, updateUser } from "../../../core/users/user_operations.ts";
import { authUser } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";
import { board, earn, publicProfile, rows, userIn } from "./_board.ts";

Deno.test("leaderboards - suspended and soft-deleted users never appear; reactivated users return", async () => {
  const t = await testContext();
  try {
    const { headers } = await authUser(t, "user");
    const keep = await userIn(t, { display_name: "Keeper" });
    const sus = await userIn(t, { display_name: "Suspended" });
    const gone = await userIn(t, { display_name: "Deleted" });
    await earn(t, keep.id, 100);
    await earn(t, sus.id, 300);
    await earn(t, gone.id, 200);
    const tier = `tier=${keep.profile!.tier_code}`;
    assert.equal((await board(t, headers, `weekly?${tier}`)).total_users, 3);

    await updateUser(t.services.core, sus.id, { status: "suspended" });
    await deleteUser(t.services.core, gone.id);
    for (const period of ["daily", "weekly", "monthly", "alltime"]) {
      const b = await board(t, headers, `${period}?${tier}`);
      assert.deepEqual(rows(b.rankings), [[1, "Keeper", 100]], period);
      assert.equal(b.total_users, 1);
    }
    await earn(t, sus.id, 50); // earning while suspended still does not show
    assert.equal((await board(t, headers, `weekly?${tier}`)).total_users, 1);
    await expectProblem(await t.request(`/api/v1/users/${sus.id}/public`, { headers }), 404);

    await updateUser(t.services.core, sus.id, { status: "active" });
    const back = await board(t, headers, `weekly?${tier}`);
    assert.deepEqual(rows(back.rankings), [[1, "Suspended", 350], [2, "Keeper", 100]]);
  } finally {
    await t.close();
  }
});

Deno.test("PUT /users/me/profile - a tier change moves this period's points to the new tier's boards", async () => {
  const t = await testContext();
  try {
    const me = await authUser(t, "user");
    const oldTier = me.user.profile!.tier_code;
    const rival = await userIn(t, {
      display_name: "Rival",
      biological_sex: "female",
      fitness_level: "advanced",
      date_of_birth: "1990-06-15",
    });
    await earn(t, me.user.id, 400);
    await earn(t, rival.id, 500);
    assert.deepEqual((await board(t, me.headers, "weekly")).me, { rank: 1, points: 400 });

    const updated = await expectJson<{ profile: { tier_code: string } }>(
      await t.request("/api/v1/users/me/profile", {
        method: "PUT",
        headers: me.headers,
        json: { fitness_level: "advanced" },
      }),
      200,
    );
    const newTier = updated.profile.tier_code;
    assert.equal(newTier, rival.profile!.tier_code);
    assert.notEqual(newTier, oldTier);
    for (const period of ["daily", "weekly", "monthly", "alltime"]) {
      const moved = await board(t, me.headers, period);
      assert.equal(moved.tier_code, newTier);
      assert.deepEqual(moved.me, { rank: 2, points: 400 }, period);
      const left = await board(t, me.headers, `${period}?tier=${oldTier}`);
      assert.equal(left.total_users, 0, `${period}: gone from ${oldTier}`);
    }
    await earn(t, me.user.id, 200); // new earnings land on the new tier
    assert.deepEqual((await board(t, me.headers, "weekly")).me, { rank: 1, points: 600 });
    await expectProblem(
      await t.request("/api/v1/users/me/profile", {
        method: "PUT",
        headers: me.headers,
        json: { fitness_level: "elite" },
      }),
      422,
      "fitness_level",
    );
  } finally {
    await t.close();
  }
});

Deno.test("leaderboards - OPEN opt-in ranks every demographic together", async () => {
  const t = await testContext();
  try {
    const { headers } = await authUser(t, "user");
    const a = await userIn(t, {
      display_name: "Al",
      biological_sex: "male",
      date_of_birth: "2000-01-01",
      open_tier: true,
    });
    const b = await userIn(t, {
      display_name: "Bea",
      date_of_birth: "1970-01-01",
      open_tier: true,
    });
    const c = await userIn(t, { display_name: "Cal", biological_sex: "male" });
    await earn(t, a.id, 8000);
    await earn(t, b.id, 7500);
    await earn(t, c.id, 7000);
    await updateUser(t.services.core, c.id, { open_tier: true });
    const open = await board(t, headers, "weekly?tier=OPEN");
    assert.deepEqual(rows(open.rankings), [[1, "Al", 8000], [2, "Bea", 7500], [3, "Cal", 7000]]);
    assert.ok(open.rankings.every((r) => r.tier_code === "OPEN"));
  } finally {
    await t.close();
  }
});

Deno.test("GET /users/{id}/public - name, tier, points and ranks; never email, birth date or state", async () => {
  const t = await testContext();
  try {
    const { headers } = await authUser(t, "user");
    const a = await userIn(t, { display_name: "Public Pat" });
    const b = await userIn(t, { display_name: "Other" });
    await earn(t, b.id, 900);
    await earn(t, a.id, 300);
    const profile = await publicProfile(t, headers, a.id);
    assert.equal(profile.display_name, "Public Pat");
    assert.equal(profile.tier_code, a.profile!.tier_code);
    assert.equal(profile.points_earned_total, 300);
    assert.deepEqual(profile.ranks, [
      { period: "daily", rank: 2, points: 300 },
      { period: "weekly", rank: 2, points: 300 },
      { period: "monthly", rank: 2, points: 300 },
      { period: "alltime", rank: 2, points: 300 },
    ]);
    const text = JSON.stringify(profile);
    for (const secret of [a.email, a.profile!.date_of_birth, `"${a.profile!.state}"`]) {
      assert.ok(!text.includes(secret), `public profile leaks ${secret}`);
    }
    for (const key of ["email", "date_of_birth", "state"]) assert.ok(!(key in profile));
    await expectProblem(
      await t.request(`/api/v1/users/${crypto.randomUUID()}/public`, { headers }),
      404,
    );
    await expectProblem(await t.request("/api/v1/users/not-a-uuid/public", { headers }), 400, "id");
    await expectProblem(await t.request(`/api/v1/users/${a.id}/public`), 401);
  } finally {
    await t.close();
  }
});

Deno.test("leaderboards - 60 requests a minute per user, then 429 with Retry-After", async () => {
  const t = await testContext();
  try {
    const first = await authUser(t, "user");
    const second = await authUser(t, "user");
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await t.request("/api/v1/leaderboards/daily", { headers: first.headers });
      statuses.push(response.status);
      if (i < 60) await response.body?.cancel();
      else {
        assert.ok(Number(response.headers.get("retry-after")) > 0);
        await expectProblem(response, 429);
      }
    }
    assert.equal(statuses.filter((s) => s === 200).length, 60);
    const other = await t.request("/api/v1/leaderboards/daily", { headers: second.headers });
    assert.equal(other.status, 200, "the limit is per user");
    await other.body?.cancel();
  } finally {
    await t.close();
  }
});

import assert from "node:assert/strict";
import { authUser } from "../../_support/auth.ts";
import { expectProblem } from "../../_support/http.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { updateUser } from "../../../core/users/user_operations.ts";
import { board, earn, pause, rows, spend, TIER_ADV, userIn } from "./_board.ts";

Deno.test("GET /leaderboards/weekly - the caller's tier by default, ties to whoever got there first, me and around_me", async () => {
  const t = await testContext();
  try {
    const viewer = await authUser(t, "user");
    const tier = viewer.user.profile!.tier_code;
    const facts = { biological_sex: "female" as const, fitness_level: "intermediate" as const };
    const a = await userIn(t, { ...facts, date_of_birth: "1990-01-01", display_name: "Ann" });
    const b = await userIn(t, { ...facts, date_of_birth: "1990-01-01", display_name: "Bob" });
    const c = await userIn(t, { ...facts, date_of_birth: "1990-01-01", display_name: "Cy" });
    const other = await userIn(t, { display_name: "Other tier" });
    await earn(t, a.id, 800);
    await earn(t, b.id, 750);
    await earn(t, other.id, 5000);
    await pause(1100); // C reaches 750 a second later than B
    await earn(t, c.id, 700);
    await earn(t, c.id, 50);
    await earn(t, viewer.user.id, 600);
    await spend(t, a.id, 500); // spending never lowers a board

    const weekly = await board(t, viewer.headers, "weekly");
    assert.equal(weekly.tier_code, tier);
    assert.deepEqual(rows(weekly.rankings), [
      [1, "Ann", 800],
      [2, "Bob", 750],
      [3, "Cy", 750],
      [4, viewer.user.profile!.display_name, 600],
    ]);
    assert.equal(weekly.total_users, 4);
    assert.deepEqual(weekly.me, { rank: 4, points: 600 });
    assert.deepEqual(weekly.around_me.map((r) => r.rank), [1, 2, 3, 4]);
    assert.ok(weekly.rankings.every((r) => r.tier_code === tier));
    assert.ok(weekly.period_start && weekly.period_end);
    for (const period of ["daily", "monthly", "alltime"]) {
      const other = await board(t, viewer.headers, period);
      assert.deepEqual(rows(other.rankings), rows(weekly.rankings), period);
    }
    const alltime = await board(t, viewer.headers, "alltime");
    assert.equal(alltime.period_start, null);
    assert.equal(alltime.period_end, null);
  } finally {
    await t.close();
  }
});

Deno.test("GET /leaderboards - a caller without points has me null; ?tier browses another tier", async () => {
  const t = await testContext();
  try {
    const viewer = await authUser(t, "user");
    const x = await userIn(t, { display_name: "Xu" });
    await earn(t, x.id, 10);
    const mine = await board(t, viewer.headers, "daily");
    assert.equal(mine.me, null);
    assert.deepEqual(mine.around_me, []);
    assert.equal(mine.total_users, 0);
    const browsed = await board(t, viewer.headers, `daily?tier=${x.profile!.tier_code}`);
    assert.deepEqual(rows(browsed.rankings), [[1, "Xu", 10]]);
    assert.equal(browsed.me, null, "a browser of another tier does not rank on it");
  } finally {
    await t.close();
  }
});

Deno.test("GET /leaderboards - bad input is a 400 naming the field; no token is a 401", async () => {
  const t = await testContext();
  try {
    const { headers } = await authUser(t, "user");
    await expectProblem(
      await t.request("/api/v1/leaderboards/weekly?tier=X-1", { headers }),
      400,
      "tier",
    );
    await expectProblem(
      await t.request("/api/v1/leaderboards/weekly?tier=m-30-39-int", { headers }),
      400,
      "tier",
    );
    await expectProblem(await t.request("/api/v1/leaderboards/yearly", { headers }), 400, "period");
    for (const limit of ["0", "-5", "101", "1000000000", "abc", "2.5"]) {
      await expectProblem(
        await t.request(`/api/v1/leaderboards/weekly?limit=${limit}`, { headers }),
        400,
        "limit",
      );
    }
    for (
      const [query, field] of [["offset=-1", "offset"], ["offset=100001", "offset"], [
        "page=1002&limit=100",
        "page",
      ]]
    ) {
      await expectProblem(
        await t.request(`/api/v1/leaderboards/weekly?${query}`, { headers }),
        400,
        field,
      );
    }
    for (const cursor of ["nonsense", "W10", btoa("[1,2,3]"), "x".repeat(400)]) {
      await expectProblem(
        await t.request(`/api/v1/leaderboards/weekly?cursor=${cursor}`, { headers }),
        400,
        "cursor",
      );
    }
    await expectProblem(await t.request("/api/v1/leaderboards/weekly"), 401);
  } finally {
    await t.close();
  }
});

Deno.test("GET /leaderboards - cursor and offset pages agree, ranks run without gaps, around_me at both ends", async () => {
  const t = await testContext();
  try {
    const people = [];
    for (let i = 0; i < 25; i++) people.push(await userIn(t, { display_name: `P${i}` }));
    for (const [i, p] of people.entries()) await earn(t, p.id, 1000 - i * 10);
    const top = await authUser(t, "user");
    const tier = `tier=${people[0].profile!.tier_code}`;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await board(
        t,
        top.headers,
        `weekly?${tier}&limit=10${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.rankings.map((r) => r.rank));
      assert.equal(page.total_users, 25);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i + 1));
    const second = await board(t, top.headers, `weekly?${tier}&limit=10&offset=10`);
    assert.deepEqual(
      second.rankings.map((r) => r.display_name),
      people.slice(10, 20).map((p) => p.profile!.display_name),
    );
    const paged = await board(t, top.headers, `weekly?${tier}&per_page=10&page=3`);
    assert.deepEqual(paged.rankings.map((r) => r.rank), [21, 22, 23, 24, 25]);
    assert.deepEqual(paged.pagination, { page: 3, per_page: 10, total: 25, total_pages: 3 });
    assert.equal(paged.next_cursor, null);

    // Around the first and the last rank: min(21, N) rows at most, consecutive ranks.
    const first = await authUser(t, "user");
    await userInTier(t, first.user.id, people[0].profile!.tier_code);
    await earn(t, first.user.id, 5000);
    const atTop = await board(t, first.headers, "weekly");
    assert.deepEqual(atTop.me, { rank: 1, points: 5000 });
    assert.deepEqual(
      atTop.around_me.map((r) => r.rank),
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
    const last = await authUser(t, "user");
    await userInTier(t, last.user.id, people[0].profile!.tier_code);
    await earn(t, last.user.id, 1);
    const atBottom = await board(t, last.headers, "weekly");
    assert.deepEqual(atBottom.me, { rank: 27, points: 1 });
    assert.deepEqual(
      atBottom.around_me.map((r) => r.rank),
      Array.from({ length: 11 }, (_, i) => 17 + i),
    );
    const middle = await board(t, top.headers, `weekly?${tier}&limit=1`);
    assert.equal(middle.rankings.length, 1);
  } finally {
    await t.close();
  }
});

/** Moves a user into the tier of {@link TIER_ADV} by editing the profile facts. */
async function userInTier(t: TestContext, userId: string, tier: string) {
  const moved = await updateUser(t.services.core, userId, TIER_ADV);
  assert.equal(moved.profile!.tier_code, tier);
}

Deno.test("GET /leaderboards/weekly - #45 of 500: my rank and points, total, the top 100 and ranks 35-55", async () => {
  const t = await testContext();
  try {
    const viewer = await authUser(t, "user");
    const facts = { biological_sex: "female" as const, fitness_level: "intermediate" as const };
    for (let i = 0; i < 499; i++) {
      const user = await userIn(t, {
        ...facts,
        date_of_birth: "1990-01-01",
        display_name: `R${i}`,
      });
      // 44 users above 1420 points, 455 below.
      await earn(t, user.id, i < 44 ? 3000 - i * 10 : 1400 - (i - 44) * 2);
    }
    await earn(t, viewer.user.id, 1420);
    const weekly = await board(t, viewer.headers, "weekly");
    assert.deepEqual(weekly.me, { rank: 45, points: 1420 });
    assert.equal(weekly.total_users, 500);
    assert.equal(weekly.rankings.length, 100);
    assert.deepEqual(
      weekly.rankings.map((r) => r.rank),
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      weekly.around_me.map((r) => r.rank),
      Array.from({ length: 21 }, (_, i) => 35 + i),
    );
    assert.equal(weekly.around_me[10].user_id, viewer.user.id);
    assert.ok(weekly.rankings.every((r, i, all) => i === 0 || all[i - 1].points >= r.points));
  } finally {
    await t.close();
  }
});

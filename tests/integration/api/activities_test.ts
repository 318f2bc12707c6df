import assert from "node:assert/strict";
import { createUser } from "../../../core/users/user_operations.ts";
import { authHeaders, authUser } from "../../_support/auth.ts";
import { insertActivity, userInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

interface ActivityPage {
  items: {
    id: string;
    activity_type: string;
    start_time: string;
    metrics: Record<string, unknown>;
  }[];
  pagination: { total: number };
}

Deno.test("activities API - filters by type and inclusive platform-day range", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    const user = await createUser(t.services.core, userInput());
    // Platform zone is America/New_York: 2026-03-10T03:00Z is still March 9 there.
    await insertActivity(t.services, {
      userId: user.id,
      startTime: new Date("2026-03-10T03:00:00Z"),
    });
    await insertActivity(t.services, {
      userId: user.id,
      activityType: "workout",
      startTime: new Date("2026-03-10T15:00:00Z"),
      durationMinutes: 30,
      intensity: "vigorous",
      metrics: { calories: 300 },
    });
    await insertActivity(t.services, {
      userId: user.id,
      startTime: new Date("2026-03-12T15:00:00Z"),
    });

    const workouts = await expectJson<ActivityPage>(
      await t.request("/api/v1/activities?filter[activity_type]=workout", { headers }),
      200,
    );
    assert.equal(workouts.pagination.total, 1);
    assert.ok(workouts.items.every((a) => a.activity_type === "workout"));
    assert.deepEqual(workouts.items[0].metrics, { calories: 300 });

    const march10 = await expectJson<ActivityPage>(
      await t.request(
        "/api/v1/activities?filter[start_date]=2026-03-10&filter[end_date]=2026-03-10",
        {
          headers,
        },
      ),
      200,
    );
    assert.equal(march10.pagination.total, 1, "the 03:00Z activity belongs to March 9 in New York");

    const range = await expectJson<ActivityPage>(
      await t.request(
        "/api/v1/activities?filter[start_date]=2026-03-09&filter[end_date]=2026-03-12&sort=start_time",
        {
          headers,
        },
      ),
      200,
    );
    assert.equal(range.pagination.total, 3);
    assert.ok(range.items[0].start_time < range.items[2].start_time);

    const one = await expectJson<{ id: string }>(
      await t.request(`/api/v1/activities/${range.items[0].id}`, { headers }),
      200,
    );
    assert.equal(one.id, range.items[0].id);
  } finally {
    await t.close();
  }
});

Deno.test("activities API - bad filters are 400 naming the filter", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    await expectProblem(
      await t.request("/api/v1/activities?filter[activity_type]=swimming", { headers }),
      400,
      "filter[activity_type]",
    );
    await expectProblem(
      await t.request("/api/v1/activities?filter[start_date]=yesterday", { headers }),
      400,
      "filter[start_date]",
    );
    await expectProblem(
      await t.request(
        "/api/v1/activities?filter[start_date]=2026-03-10&filter[end_date]=2026-03-01",
        {
          headers,
        },
      ),
      422,
      "filter[end_date]",
    );
    await expectProblem(
      await t.request("/api/v1/activities?sort=metrics", { headers }),
      400,
      "sort",
    );
    await expectProblem(
      await t.request("/api/v1/activities/550e8400-e29b-41d4-a716-446655440000", { headers }),
      404,
    );
  } finally {
    await t.close();
  }
});

Deno.test("activities and points - users see only their own rows; others' are 403; no token is 401", async () => {
  const t = await testContext();
  try {
    const me = await authUser(t, "user");
    const other = await createUser(t.services.core, userInput());
    const mine = await insertActivity(t.services, { userId: me.user.id });
    const theirs = await insertActivity(t.services, { userId: other.id });
    const headers = me.headers;

    const list = await expectJson<ActivityPage>(
      await t.request("/api/v1/activities", { headers }),
      200,
    );
    assert.deepEqual(list.items.map((a) => a.id), [mine.id]);
    await expectJson(await t.request(`/api/v1/activities/${mine.id}`, { headers }), 200);
    await expectProblem(await t.request(`/api/v1/activities/${theirs.id}`, { headers }), 403);
    await expectProblem(
      await t.request(`/api/v1/activities?filter[user_id]=${other.id}`, { headers }),
      403,
    );
    await expectProblem(
      await t.request(`/api/v1/points/balance?user_id=${other.id}`, { headers }),
      403,
    );
    const own = await expectJson<{ user_id: string }>(
      await t.request("/api/v1/points/balance", { headers }),
      200,
    );
    assert.equal(own.user_id, me.user.id);
    await expectProblem(await t.request("/api/v1/reports/summary", { headers }), 403);
    await expectProblem(await t.request("/api/v1/activities"), 401);
    await expectProblem(await t.request("/api/v1/points/transactions"), 401);
  } finally {
    await t.close();
  }
});

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { ingestRecords } from "../../../core/ingest/ingest_records.ts";
import type { NormalizedRecord } from "../../../core/ingest/schemas.ts";
import { normalizeActivity, normalizeDaily } from "../../../integrations/terra/normalize.ts";
import { terraActivity, terraDaily } from "../../../integrations/terra/sim_payloads.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { connectedUser, trackerContext } from "./_trackers.ts";

// Wednesday 11 March 2026, 15:00 UTC; the platform day is UTC here.
const NOW = new Date("2026-03-11T15:00:00Z");

type Section = Record<string, number | string>;

Deno.test("activities summary - today, this week (streak) and this month from synced data", async () => {
  const { t, close } = await trackerContext({
    env: { FITTRACK_TIMEZONE: "UTC" },
    clock: { now: () => NOW },
  });
  try {
    const c = await connectedUser(t);
    const connection = await t.services.core.store.ingest.connectionByTerraUser(c.terraUserId);
    const daily = (date: string, steps: number, minutes = {}) =>
      normalizeDaily(terraDaily({ date, steps, minutes }))!;
    const records: NormalizedRecord[] = [
      daily("2026-03-01", 6000),
      daily("2026-03-09", 5000),
      daily("2026-03-10", 8000),
      daily("2026-03-11", 10_000, { moderate: 70, vigorous: 25 }),
      normalizeActivity(terraActivity({
        summaryId: "w1",
        start: "2026-03-11T07:00:00Z",
        minutes: { moderate: 45 },
      }))!,
      normalizeActivity(terraActivity({
        summaryId: "w2",
        start: "2026-03-11T12:00:00Z",
        minutes: { vigorous: 25 },
      }))!,
    ];
    await ingestRecords(t.services.core, {
      connection: connection!,
      records,
      orderingTs: NOW.getTime(),
    });
    const body = await expectJson<{ today: Section; thisWeek: Section; thisMonth: Section }>(
      await t.request("/api/v1/activities/summary", { headers: c.headers }),
      200,
    );
    const paid = async (from: string, until: string) => {
      const [row] = await t.services.db.rows<{ s: string | null }>(
        sql`SELECT sum(amount) AS s FROM point_transactions p JOIN activities a ON a.id = p.reference_id
            WHERE p.user_id = ${c.user.id} AND a.start_time >= ${from}::timestamptz
              AND a.start_time < ${until}::timestamptz`,
      );
      return Number(row.s ?? 0);
    };
    const todayPoints = await paid("2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z");
    assert.ok(todayPoints > 0);
    assert.deepEqual(
      [body.today.start_date, body.today.steps, body.today.active_minutes, body.today.workouts],
      ["2026-03-11", 10_000, 95, 2],
    );
    assert.equal(body.today.workout_minutes, 70);
    assert.equal(body.today.points_earned, todayPoints);
    assert.equal(body.today.points_remaining, 1000 - todayPoints);
    assert.equal(body.today.daily_cap, 1000);

    assert.deepEqual(
      [body.thisWeek.start_date, body.thisWeek.end_date, body.thisWeek.steps],
      ["2026-03-09", "2026-03-15", 23_000],
    );
    assert.equal(
      body.thisWeek.points_earned,
      await paid("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"),
    );
    assert.equal(body.thisWeek.streak_days, 3, "9th, 10th and 11th; nothing on the 8th");

    assert.deepEqual(
      [body.thisMonth.start_date, body.thisMonth.end_date, body.thisMonth.steps],
      ["2026-03-01", "2026-03-31", 29_000],
    );
    assert.equal(body.thisMonth.active_days, 4);
    assert.equal(
      body.thisMonth.points_earned,
      await paid("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
    );

    await expectProblem(await t.request("/api/v1/activities/summary"), 401);
  } finally {
    await close();
  }
});

Deno.test("activities summary - a new user gets zeros and the whole cap", async () => {
  const { t, close } = await trackerContext();
  try {
    const c = await connectedUser(t);
    const body = await expectJson<{ today: Section; thisWeek: Section }>(
      await t.request("/api/v1/activities/summary", { headers: c.headers }),
      200,
    );
    assert.deepEqual(
      [body.today.steps, body.today.points_earned, body.today.points_remaining],
      [0, 0, 1000],
    );
    assert.equal(body.thisWeek.streak_days, 0);
  } finally {
    await close();
  }
});

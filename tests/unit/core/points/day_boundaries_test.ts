import assert from "node:assert/strict";
import { dayRange, mergeNonNull, mergeWrite, planWrites } from "../../../../core/ingest/records.ts";
import type { Connection, WorkoutRecord } from "../../../../core/ingest/schemas.ts";

const ZONE = "America/New_York";
const CONNECTION: Connection = {
  id: "c1",
  userId: "u1",
  provider: "fitbit",
  terraUserId: "t1",
  isPrimary: true,
  status: "active",
};

function workoutAt(start: string): WorkoutRecord {
  return {
    kind: "workout",
    summaryId: start,
    start,
    end: null,
    durationMinutes: 20,
    minutes: { light: null, moderate: 20, vigorous: null },
    steps: null,
    deleted: false,
    name: null,
    raw: {},
  };
}

Deno.test("planWrites() puts 23:59:59.999 and 00:00:00.000 platform time on different days", () => {
  assert.equal(
    planWrites(workoutAt("2026-03-15T03:59:59.999Z"), CONNECTION, ZONE)[0].day,
    "2026-03-14",
  );
  assert.equal(
    planWrites(workoutAt("2026-03-15T04:00:00.000Z"), CONNECTION, ZONE)[0].day,
    "2026-03-15",
  );
  assert.equal(
    planWrites(workoutAt("2026-03-15T03:59:59.999Z"), CONNECTION, "UTC")[0].day,
    "2026-03-15",
  );
});

Deno.test("dayRange() follows DST: the spring-forward day has 23 hours, the fall-back day 25", () => {
  const spring = dayRange("2026-03-08", ZONE);
  assert.equal(spring.from.toISOString(), "2026-03-08T05:00:00.000Z");
  assert.equal((spring.until.getTime() - spring.from.getTime()) / 3_600_000, 23);
  const fall = dayRange("2026-11-01", ZONE);
  assert.equal((fall.until.getTime() - fall.from.getTime()) / 3_600_000, 25);
  // 23:30 local on the spring-forward day is already EDT (UTC-4).
  assert.equal(
    planWrites(workoutAt("2026-03-09T03:30:00Z"), CONNECTION, ZONE)[0].day,
    "2026-03-08",
  );
  assert.equal(
    planWrites(workoutAt("2026-03-09T04:00:00Z"), CONNECTION, ZONE)[0].day,
    "2026-03-09",
  );
  // 00:30 local after fall-back (EST, UTC-5) belongs to the next day.
  assert.equal(
    planWrites(workoutAt("2026-11-02T05:30:00Z"), CONNECTION, ZONE)[0].day,
    "2026-11-02",
  );
  assert.equal(
    planWrites(workoutAt("2026-11-02T04:30:00Z"), CONNECTION, ZONE)[0].day,
    "2026-11-01",
  );
});

Deno.test("planWrites() turns a daily into one steps and one active_minutes row keyed by connection and date", () => {
  const rows = planWrites(
    {
      kind: "daily",
      date: "2026-03-14",
      steps: 100,
      minutes: { light: 1, moderate: null, vigorous: 3 },
      raw: {},
    },
    CONNECTION,
    ZONE,
  );
  assert.deepEqual(rows.map((r) => r.write.external_id), [
    "terra:c1:steps:2026-03-14",
    "terra:c1:active_minutes:2026-03-14",
  ]);
  assert.equal(rows[1].write.intensity, "vigorous");
  assert.equal(rows[1].write.duration_minutes, 4);
});

Deno.test("mergeNonNull() keeps values a later copy reports as null", () => {
  assert.deepEqual(
    mergeNonNull({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: null, b: { c: 5, d: null }, e: [] }),
    { a: 1, b: { c: 5, d: 3 }, e: [] },
  );
});

Deno.test("mergeWrite() refuses an older copy and reports an identical one as unchanged", () => {
  const [{ write }] = planWrites(workoutAt("2026-03-14T15:00:00Z"), CONNECTION, ZONE);
  const created = mergeWrite(null, write, 2_000);
  assert.equal(created.result, "created");
  const stored = {
    id: "a1",
    user_id: "u1",
    connection_id: "c1",
    external_id: write.external_id,
    activity_type: "workout" as const,
    start_time: write.start_time.toISOString(),
    end_time: null,
    duration_minutes: write.duration_minutes,
    intensity: write.intensity,
    metrics: created.write!.metrics,
    points_earned: 0,
    processed: true,
    created_at: "2026-03-14T15:30:00Z",
  };
  assert.equal(mergeWrite(stored, write, 1_000).result, "stale");
  assert.equal(mergeWrite(stored, write, 2_000).result, "unchanged");
  assert.equal(mergeWrite(stored, { ...write, duration_minutes: 25 }, 3_000).result, "updated");
});

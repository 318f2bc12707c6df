import assert from "node:assert/strict";
import { ALLTIME_START, periodKey, periodKeys } from "../../../../core/leaderboards/board_keys.ts";

const NY = "America/New_York";
const start = (period: "daily" | "weekly" | "monthly", iso: string, zone = NY) =>
  periodKey(period, new Date(iso), zone).start;

Deno.test("periodKey() - 23:59:59 and 00:00:00 in the platform zone are different days", () => {
  assert.equal(start("daily", "2026-12-10T04:59:59Z"), "2026-12-09");
  assert.equal(start("daily", "2026-12-10T05:00:00Z"), "2026-12-10");
  assert.equal(start("daily", "2026-12-10T04:59:59Z", "UTC"), "2026-12-10");
});

Deno.test("periodKey() - weeks run Monday 00:00 to Sunday 23:59:59", () => {
  assert.equal(start("weekly", "2026-12-14T04:59:59Z"), "2026-12-07"); // Sunday night
  assert.equal(start("weekly", "2026-12-14T05:00:00Z"), "2026-12-14"); // Monday midnight
  const key = periodKey("weekly", new Date("2026-12-09T12:00:00Z"), NY);
  assert.equal(key.startsAt?.toISOString(), "2026-12-07T05:00:00.000Z");
  assert.equal(key.endsAt?.toISOString(), "2026-12-14T05:00:00.000Z");
});

Deno.test("periodKey() - month ends, including February and the year end", () => {
  assert.equal(start("monthly", "2026-12-01T04:59:59Z"), "2026-11-01");
  assert.equal(start("monthly", "2026-12-01T05:00:00Z"), "2026-12-01");
  assert.equal(start("monthly", "2027-01-01T04:59:59Z"), "2026-12-01");
  assert.equal(start("monthly", "2027-01-01T05:00:00Z"), "2027-01-01");
  assert.equal(start("monthly", "2028-02-29T12:00:00Z"), "2028-02-01");
  const dec = periodKey("monthly", new Date("2026-12-15T00:00:00Z"), NY);
  assert.equal(dec.endsAt?.toISOString(), "2027-01-01T05:00:00.000Z");
});

Deno.test("periodKey() - DST: the 23-hour and 25-hour days keep their own bounds", () => {
  const spring = periodKey("daily", new Date("2026-03-08T12:00:00Z"), NY);
  assert.equal(spring.startsAt?.toISOString(), "2026-03-08T05:00:00.000Z");
  assert.equal(spring.endsAt?.toISOString(), "2026-03-09T04:00:00.000Z");
  const fall = periodKey("daily", new Date("2026-11-01T12:00:00Z"), NY);
  assert.equal(fall.startsAt?.toISOString(), "2026-11-01T04:00:00.000Z");
  assert.equal(fall.endsAt?.toISOString(), "2026-11-02T05:00:00.000Z");
  assert.equal(start("daily", "2026-11-02T04:30:00Z"), "2026-11-01"); // 23:30 EST
  assert.equal(start("weekly", "2026-03-09T03:59:59Z"), "2026-03-02");
  assert.equal(start("weekly", "2026-03-09T04:00:00Z"), "2026-03-09");
});

Deno.test("periodKeys() - every earning counts on the day, week, month and all-time boards", () => {
  const keys = periodKeys(new Date("2026-12-09T15:00:00Z"), NY);
  assert.deepEqual(keys.map((k) => [k.period, k.start]), [
    ["daily", "2026-12-09"],
    ["weekly", "2026-12-07"],
    ["monthly", "2026-12-01"],
    ["alltime", ALLTIME_START],
  ]);
  assert.equal(keys[3].endsAt, null);
});

Deno.test("periodKey() - the all-time board starts on 1970-01-01 (stored in rollup rows)", () => {
  assert.equal(ALLTIME_START, "1970-01-01");
  assert.equal(periodKey("alltime", new Date("2026-12-09T15:00:00Z"), NY).start, "1970-01-01");
});

Deno.test("periodKey() - reuses the same key from the period's first instant to its last, then moves on", () => {
  const first = periodKey("daily", new Date("2026-12-10T05:00:00Z"), NY);
  assert.equal(periodKey("daily", new Date("2026-12-10T05:00:00Z"), NY), first);
  assert.equal(periodKey("daily", new Date("2026-12-10T18:00:00Z"), NY), first);
  assert.equal(periodKey("daily", new Date("2026-12-11T04:59:59.999Z"), NY), first);
  const next = periodKey("daily", new Date("2026-12-11T05:00:00Z"), NY);
  assert.notEqual(next, first);
  assert.equal(next.start, "2026-12-11");
  assert.equal(periodKey("daily", new Date("2026-12-10T05:00:00Z"), NY).start, "2026-12-10");
  const alltime = periodKey("alltime", new Date("2026-01-01T00:00:00Z"), NY);
  assert.equal(periodKey("alltime", new Date("2030-01-01T00:00:00Z"), NY), alltime);
  assert.ok(Object.isFrozen(first), "shared keys cannot be changed by a caller");
});

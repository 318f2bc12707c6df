import assert from "node:assert/strict";
import { periodBounds } from "../../../core/time/periods.ts";
import { platformDate, startOfPlatformDay } from "../../../core/time/platform_day.ts";

const NY = "America/New_York";

Deno.test("platformDate() uses the platform zone, not UTC", () => {
  assert.equal(platformDate(new Date("2026-03-10T03:59:59Z"), NY), "2026-03-09");
  assert.equal(platformDate(new Date("2026-03-10T04:00:00Z"), NY), "2026-03-10");
});

Deno.test("startOfPlatformDay() follows daylight saving time", () => {
  assert.equal(startOfPlatformDay("2026-03-07", NY).toISOString(), "2026-03-07T05:00:00.000Z");
  assert.equal(startOfPlatformDay("2026-03-08", NY).toISOString(), "2026-03-08T05:00:00.000Z");
  assert.equal(startOfPlatformDay("2026-03-09", NY).toISOString(), "2026-03-09T04:00:00.000Z");
  assert.equal(startOfPlatformDay("2026-11-02", NY).toISOString(), "2026-11-02T05:00:00.000Z");
});

Deno.test("periodBounds() gives days, Monday weeks, months and all time", () => {
  const now = new Date("2026-12-09T12:00:00Z"); // a Wednesday
  const week = periodBounds("weekly", now, "UTC");
  assert.equal(week.start?.toISOString(), "2026-12-07T00:00:00.000Z");
  assert.equal(week.end?.toISOString(), "2026-12-14T00:00:00.000Z");
  const sunday = periodBounds("weekly", new Date("2026-12-13T23:59:00Z"), "UTC");
  assert.equal(sunday.start?.toISOString(), "2026-12-07T00:00:00.000Z");
  const month = periodBounds("monthly", new Date("2026-12-31T23:00:00Z"), "UTC");
  assert.equal(month.start?.toISOString(), "2026-12-01T00:00:00.000Z");
  assert.equal(month.end?.toISOString(), "2027-01-01T00:00:00.000Z");
  const day = periodBounds("daily", new Date("2026-12-09T03:00:00Z"), NY);
  assert.equal(day.start?.toISOString(), "2026-12-08T05:00:00.000Z");
  assert.deepEqual(periodBounds("alltime", now, NY), { period: "alltime", start: null, end: null });
});

Deno.test("startOfPlatformDay() follows daylight saving time east of UTC too (Auckland, +13 → +12)", () => {
  const AKL = "Pacific/Auckland";
  // NZDT ends 2026-04-05 03:00 local (2026-04-04T14:00Z): that day began at +13, the next at +12.
  assert.equal(startOfPlatformDay("2026-04-05", AKL).toISOString(), "2026-04-04T11:00:00.000Z");
  assert.equal(startOfPlatformDay("2026-04-06", AKL).toISOString(), "2026-04-05T12:00:00.000Z");
  // NZDT starts 2026-09-27 02:00 local (2026-09-26T14:00Z).
  assert.equal(startOfPlatformDay("2026-09-27", AKL).toISOString(), "2026-09-26T12:00:00.000Z");
  assert.equal(startOfPlatformDay("2026-09-28", AKL).toISOString(), "2026-09-27T11:00:00.000Z");
  const day = periodBounds("daily", new Date("2026-04-05T06:00:00Z"), AKL);
  assert.equal(day.end!.getTime() - day.start!.getTime(), 25 * 3_600_000, "the 25-hour day");
});

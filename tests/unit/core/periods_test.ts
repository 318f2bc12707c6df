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

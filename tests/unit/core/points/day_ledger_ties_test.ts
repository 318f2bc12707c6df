/**
 * settleDay() where records meet: overlap edges, who wins a tie between
 * connections, and which daily total speaks for the day. Corrections, bonuses
 * and the cap are in day_ledger_corrections_test.ts; the happy paths in
 * day_ledger_test.ts.
 */
import assert from "node:assert/strict";
import type { DayRecord } from "../../../../core/points/rules/mod.ts";
import { MIN, rec, settle, workout } from "./_day_records.ts";

/** A non-primary workout of another connection, from minute `from` to minute `to`. */
function other(from: number, to: number, o: Partial<DayRecord> = {}) {
  return workout(to - from, "moderate", {
    connectionId: "gfit",
    primary: false,
    start: from * MIN,
    end: to * MIN,
    ...o,
  });
}

function primary(from: number, to: number) {
  return workout(to - from, "moderate", {
    connectionId: "fitbit",
    start: from * MIN,
    end: to * MIN,
  });
}

Deno.test("settleDay() workouts that only touch (one ends as the other starts) both count", () => {
  const p = primary(0, 30);
  const after = other(30, 60);
  const before = other(-30, 0);
  assert.equal(settle([p, after], after).duplicateOf, null);
  assert.equal(settle([p, after], after).granted, 2 * 60 + 50, "from an empty day: both sessions");
  assert.equal(settle([p, before], before).duplicateOf, null);
  const oneMinuteIn = other(29, 60);
  assert.equal(settle([p, oneMinuteIn], oneMinuteIn).duplicateOf, p.id);
  const endsOneMinuteIn = other(-30, 1);
  assert.equal(settle([p, endsOneMinuteIn], endsOneMinuteIn).duplicateOf, p.id);
});

Deno.test("settleDay() a workout without a duration (start = end) overlaps one starting at the same instant", () => {
  const p = primary(10, 40);
  const instant = other(10, 10);
  assert.equal(settle([p, instant], instant).duplicateOf, p.id);
  const pInstant = primary(10, 10);
  const o = other(10, 40);
  assert.equal(settle([pInstant, o], o).duplicateOf, pInstant.id);
  const atTheEnd = other(40, 40);
  assert.equal(settle([p, atTheEnd], atTheEnd).duplicateOf, null, "the end is exclusive");
});

Deno.test("settleDay() the primary's workout wins even when it arrives after the other connection's", () => {
  const early = other(0, 30, { arrived: 1 });
  const late = workout(30, "moderate", {
    connectionId: "fitbit",
    start: 5 * MIN,
    end: 35 * MIN,
    arrived: 2,
  });
  for (const records of [[early, late], [late, early]]) {
    assert.equal(settle(records, early).duplicateOf, late.id);
    assert.equal(settle(records, late).duplicateOf, null);
  }
});

Deno.test("settleDay() between two non-primary connections the earlier arrival wins, then the smaller id", () => {
  const first = other(0, 30, { connectionId: "garmin", arrived: 5 });
  const second = other(10, 40, { arrived: 6 });
  for (const records of [[first, second], [second, first]]) {
    assert.equal(settle(records, second).duplicateOf, first.id);
    assert.equal(settle(records, first).duplicateOf, null);
  }
  const a = other(0, 30, { id: "a", connectionId: "garmin", arrived: 7 });
  const b = other(0, 30, { id: "b", arrived: 7 });
  for (const records of [[a, b], [b, a]]) {
    assert.equal(settle(records, b).duplicateOf, "a");
    assert.equal(settle(records, a).duplicateOf, null);
  }
});

Deno.test("settleDay() overlapping workouts of the same connection are two workouts, not duplicates", () => {
  const a = primary(0, 30);
  const b = primary(15, 45);
  const s = settle([a, b], b, settle([a], a).state);
  assert.equal(s.duplicateOf, null);
  assert.equal(s.activityPoints, 2 * 30, "b's own minutes add to what a paid for");
});

Deno.test("settleDay() without a primary daily total, the largest one speaks for the day", () => {
  const small = rec({ kind: "steps", steps: 5_000, connectionId: "garmin", primary: false });
  const large = rec({ kind: "steps", steps: 9_000, connectionId: "gfit", primary: false });
  for (const records of [[small, large], [large, small]]) {
    assert.equal(settle(records, small).duplicateOf, large.id);
    assert.equal(settle(records, large).granted, 90);
  }
  // Minutes are compared by their points, not their count: 20 vigorous (60) beat 50 light (50).
  const light = rec({
    kind: "active_minutes",
    minutes: { light: 50, moderate: 0, vigorous: 0 },
    connectionId: "gfit",
    primary: false,
  });
  const vigorous = rec({
    kind: "active_minutes",
    minutes: { light: 0, moderate: 0, vigorous: 20 },
    connectionId: "garmin",
    primary: false,
  });
  for (const records of [[light, vigorous], [vigorous, light]]) {
    assert.equal(settle(records, light).duplicateOf, vigorous.id);
    assert.equal(settle(records, vigorous).granted, 60);
  }
  // Two totals from the primary connection itself: the larger one.
  const primarySmall = rec({ kind: "steps", steps: 2_000 });
  const primaryLarge = rec({ kind: "steps", steps: 6_000 });
  for (const records of [[primarySmall, primaryLarge], [primaryLarge, primarySmall]]) {
    assert.equal(settle(records, primarySmall).duplicateOf, primaryLarge.id);
    assert.equal(settle(records, primaryLarge).duplicateOf, null);
  }
  // Equal totals: the first to arrive keeps the day.
  const twin = rec({ kind: "steps", steps: 9_000, connectionId: "garmin", primary: false });
  assert.equal(settle([twin, large], twin).duplicateOf, large.id);
});

Deno.test("settleDay() a daily total competes only with daily totals of its own kind that still exist", () => {
  const primaryWorkout = workout(30, "light", { connectionId: "fitbit" });
  const steps = rec({ kind: "steps", steps: 4_000, connectionId: "gfit", primary: false });
  const s = settle([primaryWorkout, steps], steps);
  assert.equal(s.duplicateOf, null, "the primary connection sent no steps total");
  assert.equal(s.activityPoints, 40 + 30, "its steps, and the day's minutes not yet paid");
  const deletedPrimary = rec({
    kind: "steps",
    steps: 9_000,
    connectionId: "fitbit",
    deleted: true,
  });
  const survivor = rec({ kind: "steps", steps: 3_000, connectionId: "gfit", primary: false });
  assert.equal(settle([deletedPrimary, survivor], survivor).duplicateOf, null);
  const minutes = rec({ kind: "active_minutes", minutes: { light: 0, moderate: 10, vigorous: 0 } });
  const afterSteps = settle([steps, minutes], minutes);
  assert.equal(afterSteps.duplicateOf, null, "a steps total does not outrank a minutes total");
  assert.equal(afterSteps.granted, 40 + 20, "from an empty day: the steps and 10 moderate minutes");
});

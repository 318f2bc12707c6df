/**
 * settleDay() when totals go down, workouts are updated or re-issued, and a
 * cap other than the default applies.
 */
import assert from "node:assert/strict";
import { type DayState, settleDay } from "../../../../core/points/rules/mod.ts";
import { EMPTY, rec, settle, workout } from "./_day_records.ts";

Deno.test("settleDay() a correction is the trigger's own quantity going down, per intensity", () => {
  const paid: DayState = {
    steps: 8_000,
    minutes: { light: 10, moderate: 20, vigorous: 30 },
    bonuses: 0,
    earned: 80 + 10 + 40 + 90,
  };
  const minutes = (m: Partial<DayState["minutes"]>) =>
    rec({ kind: "active_minutes", minutes: { ...paid.minutes, ...m } });
  for (const intensity of ["light", "moderate", "vigorous"] as const) {
    const lower = minutes({ [intensity]: paid.minutes[intensity] - 1 });
    assert.equal(settle([lower], lower, paid).correction, true, intensity);
  }
  const same = minutes({});
  assert.equal(settle([same], same, paid).correction, false, "the same totals again");
  const steps = rec({ kind: "steps", steps: 8_000 });
  assert.equal(settle([steps], steps, paid).correction, false);
  const fewerMinutes = minutes({ moderate: 5 });
  assert.equal(
    settle([steps, fewerMinutes], steps, paid).correction,
    false,
    "a steps total is not corrected by the minutes",
  );
  const fewerSteps = rec({ kind: "steps", steps: 7_999 });
  assert.equal(settle([fewerSteps, same], fewerSteps, paid).correction, true);
  assert.equal(
    settle([fewerSteps, same], same, paid).correction,
    false,
    "a minutes total is not corrected by the steps",
  );
});

Deno.test("settleDay() a workout update below what it paid is a correction (steps or minutes)", () => {
  const w = workout(40, "moderate", { steps: 5_000 });
  const paid = settle([w], w).state;
  const fewerSteps = { ...w, steps: 4_000, bonusPaid: true };
  const s = settle([fewerSteps], fewerSteps, paid);
  assert.equal(s.correction, true);
  assert.equal(s.granted, 0);
  const fewerMinutes = { ...w, minutes: { ...w.minutes, moderate: 35 }, bonusPaid: true };
  assert.equal(settle([fewerMinutes], fewerMinutes, paid).correction, true);
  const unchanged = { ...w, bonusPaid: true };
  assert.equal(settle([unchanged], unchanged, paid).correction, false);
});

Deno.test("settleDay() a workout's steps count when no daily total covers them", () => {
  const w = workout(20, "light", { steps: 3_000 });
  const s = settle([w], w);
  assert.equal(s.activityPoints, 30 + 20);
  assert.equal(s.state.steps, 3_000);
});

Deno.test("settleDay() one bonus per workout: an update or a re-issued record of a paid workout gets none", () => {
  const w = workout(30, "moderate");
  const paid = settle([w], w);
  assert.equal(paid.bonus, 50);
  const longer = {
    ...w,
    minutes: { ...w.minutes, moderate: 40 },
    durationMinutes: 40,
    bonusPaid: true,
  };
  const update = settle([longer], longer, paid.state);
  assert.equal(update.bonus, 0);
  assert.equal(update.activityPoints, 20, "the 10 new minutes still pay");
  const unrelated = workout(25, "light");
  const reissued = workout(30, "moderate", { start: w.start, end: w.end });
  const s = settle([{ ...w, bonusPaid: true }, unrelated, reissued], reissued, paid.state);
  assert.equal(s.bonus, 0, "the same session under a new id");
});

Deno.test("settleDay() only workouts earn the bonus, whatever duration a daily total reports", () => {
  const daily = rec({
    kind: "active_minutes",
    minutes: { light: 0, moderate: 45, vigorous: 0 },
    durationMinutes: 45,
  });
  const s = settle([daily], daily);
  assert.equal(s.bonus, 0);
  assert.equal(s.granted, 90);
  assert.equal(s.state.bonuses, 0);
});

Deno.test("settleDay() honours a smaller cap, and an unknown or duplicate trigger pays nothing uncapped", () => {
  const daily = rec({ kind: "steps", steps: 5_000 });
  const capped = settleDay({
    records: [daily],
    state: { ...EMPTY, earned: 90 },
    triggerId: daily.id,
    tierCode: "OPEN",
    cap: 100,
  });
  assert.deepEqual([capped.requested, capped.granted, capped.capped], [50, 10, true]);
  const gone = settle([daily], { ...daily, id: "deleted-meanwhile" });
  assert.deepEqual(
    [gone.duplicateOf, gone.correction, gone.granted, gone.capped],
    [null, false, 0, false],
  );
  const primaryDaily = rec({ kind: "steps", steps: 6_000 });
  const lost = rec({ kind: "steps", steps: 7_000, connectionId: "gfit", primary: false });
  const dup = settle([primaryDaily, lost], lost, { ...EMPTY, earned: 1_000 });
  assert.deepEqual([dup.duplicateOf, dup.capped, dup.correction], [primaryDaily.id, false, false]);
});

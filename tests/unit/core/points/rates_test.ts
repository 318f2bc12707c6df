import assert from "node:assert/strict";
import {
  applyMultiplier,
  DAILY_CAP,
  grantUnderCap,
  minuteBasePoints,
  multiplierTenths,
  qualifiesForBonus,
  stepBasePoints,
} from "../../../../core/points/rules/mod.ts";

Deno.test("stepBasePoints() pays 10 per 1,000 steps, pro rata in whole points", () => {
  assert.equal(stepBasePoints(10_000), 100);
  assert.equal(stepBasePoints(1_000), 10);
  assert.equal(stepBasePoints(999), 9);
  assert.equal(stepBasePoints(99), 0);
  assert.equal(stepBasePoints(100), 1);
  assert.equal(stepBasePoints(0), 0);
  assert.equal(stepBasePoints(-5), 0, "negative totals pay nothing");
  assert.equal(stepBasePoints(Number.NaN), 0);
});

Deno.test("minuteBasePoints() pays 1/2/3 per light/moderate/vigorous minute", () => {
  assert.equal(minuteBasePoints({ light: 1, moderate: 0, vigorous: 0 }), 1);
  assert.equal(minuteBasePoints({ light: 0, moderate: 1, vigorous: 0 }), 2);
  assert.equal(minuteBasePoints({ light: 0, moderate: 0, vigorous: 1 }), 3);
  assert.equal(minuteBasePoints({ light: 10, moderate: 45, vigorous: 30 }), 190);
  assert.equal(minuteBasePoints({ light: 2.9, moderate: 0, vigorous: 0 }), 2, "whole minutes only");
});

Deno.test("qualifiesForBonus() starts at 20 whole minutes", () => {
  assert.equal(qualifiesForBonus(19), false);
  assert.equal(qualifiesForBonus(19.99), false);
  assert.equal(qualifiesForBonus(20), true);
  assert.equal(qualifiesForBonus(45), true);
  assert.equal(qualifiesForBonus(null), false);
});

Deno.test("multiplierTenths() reads the tier suffix: BEG 1.2, INT 1.0, ADV 0.9, OPEN 1.0", () => {
  assert.equal(multiplierTenths("M-18-29-BEG"), 12);
  assert.equal(multiplierTenths("F-30-39-INT"), 10);
  assert.equal(multiplierTenths("M-40-49-ADV"), 9);
  assert.equal(multiplierTenths("F-60+-ADV"), 9);
  assert.equal(multiplierTenths("OPEN"), 10);
  assert.equal(multiplierTenths(null), 10, "no profile: baseline");
  assert.equal(multiplierTenths("bogus"), 10);
});

Deno.test("plan scenarios: 30 vigorous minutes by tier, 10,000 steps at INT", () => {
  const vigorous30 = minuteBasePoints({ light: 0, moderate: 0, vigorous: 30 });
  assert.equal(applyMultiplier(vigorous30, multiplierTenths("M-18-29-BEG")), 108);
  assert.equal(applyMultiplier(vigorous30, multiplierTenths("F-30-39-INT")), 90);
  assert.equal(applyMultiplier(vigorous30, multiplierTenths("M-40-49-ADV")), 81);
  assert.equal(applyMultiplier(vigorous30, multiplierTenths("OPEN")), 90);
  assert.equal(applyMultiplier(stepBasePoints(10_000), multiplierTenths("F-50-59-INT")), 100);
  assert.equal(applyMultiplier(7, 9), 6, "rounds down");
});

Deno.test("grantUnderCap() at 999/1000/1001", () => {
  assert.equal(DAILY_CAP, 1000);
  assert.deepEqual(grantUnderCap(1, 998), { granted: 1, capped: false }, "reaches 999");
  assert.deepEqual(grantUnderCap(1, 999), { granted: 1, capped: false }, "reaches exactly 1000");
  assert.deepEqual(grantUnderCap(2, 999), { granted: 1, capped: true }, "1001 is cut to 1000");
  assert.deepEqual(grantUnderCap(1, 1000), { granted: 0, capped: true });
  assert.deepEqual(grantUnderCap(50, 980), { granted: 20, capped: true });
  assert.deepEqual(grantUnderCap(100, 950), { granted: 50, capped: true });
  assert.deepEqual(grantUnderCap(0, 1000), { granted: 0, capped: false });
  assert.deepEqual(grantUnderCap(1000, 0), { granted: 1000, capped: false });
  assert.deepEqual(grantUnderCap(1001, 0), { granted: 1000, capped: true });
});

import assert from "node:assert/strict";
import { ageBracket, ageOn, TIER_CODES, tierCode } from "../../../core/tiers/tier_code.ts";

Deno.test("ageOn() counts whole years and turns on the birthday", () => {
  assert.equal(ageOn("2000-06-15", "2018-06-14"), 17);
  assert.equal(ageOn("2000-06-15", "2018-06-15"), 18);
  assert.equal(ageOn("2000-02-29", "2018-02-28"), 17);
  assert.equal(ageOn("2000-02-29", "2018-03-01"), 18);
});

Deno.test("ageBracket() maps every boundary age", () => {
  const cases: [number, string | null][] = [
    [17, null],
    [18, "18-29"],
    [29, "18-29"],
    [30, "30-39"],
    [39, "30-39"],
    [40, "40-49"],
    [49, "40-49"],
    [50, "50-59"],
    [59, "50-59"],
    [60, "60+"],
    [99, "60+"],
  ];
  for (const [age, bracket] of cases) assert.equal(ageBracket(age), bracket, `age ${age}`);
});

Deno.test("tierCode() builds sex-bracket-level codes and OPEN on opt-in", () => {
  assert.equal(
    tierCode({
      biologicalSex: "male",
      ageBracket: "30-39",
      fitnessLevel: "intermediate",
      openTier: false,
    }),
    "M-30-39-INT",
  );
  assert.equal(
    tierCode({
      biologicalSex: "female",
      ageBracket: "60+",
      fitnessLevel: "beginner",
      openTier: false,
    }),
    "F-60+-BEG",
  );
  assert.equal(
    tierCode({
      biologicalSex: "female",
      ageBracket: "60+",
      fitnessLevel: "beginner",
      openTier: true,
    }),
    "OPEN",
  );
});

Deno.test("TIER_CODES lists 30 demographic tiers plus OPEN, all distinct", () => {
  assert.equal(TIER_CODES.length, 31);
  assert.equal(new Set(TIER_CODES).size, 31);
  assert.ok(
    TIER_CODES.every((c) =>
      c === "OPEN" || /^[MF]-(18-29|30-39|40-49|50-59|60\+)-(BEG|INT|ADV)$/.test(c)
    ),
  );
});

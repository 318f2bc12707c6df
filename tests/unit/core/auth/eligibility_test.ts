import assert from "node:assert/strict";
import { assertEligible, minimumAge } from "../../../../core/auth/eligibility.ts";
import { DomainError } from "../../../../core/errors.ts";

const EXCLUDED = ["NY", "FL", "RI"];

function reason(input: { date_of_birth: string; state: string; today?: string }): string | null {
  try {
    assertEligible({ today: "2026-06-15", excludedStates: EXCLUDED, ...input });
    return null;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return `${error.code}: ${error.message}`;
  }
}

Deno.test("minimumAge() is 19 in AL and NE, 21 in MS, 18 elsewhere", () => {
  assert.deepEqual(["AL", "NE", "MS", "TX", "CA"].map(minimumAge), [19, 19, 21, 18, 18]);
});

Deno.test("assertEligible() lets people in from their birthday on", () => {
  assert.equal(reason({ date_of_birth: "2008-06-15", state: "TX" }), null);
  assert.equal(
    reason({ date_of_birth: "2008-06-16", state: "TX" }),
    "bad_request: Must be 18 or older",
  );
  assert.equal(reason({ date_of_birth: "2007-06-15", state: "AL" }), null);
  assert.match(reason({ date_of_birth: "2007-06-16", state: "AL" })!, /Must be 19 or older/);
  assert.match(reason({ date_of_birth: "2008-01-01", state: "NE" })!, /Must be 19 or older/);
  assert.equal(reason({ date_of_birth: "2005-06-15", state: "MS" }), null);
  assert.match(reason({ date_of_birth: "2005-06-16", state: "MS" })!, /Must be 21 or older/);
});

Deno.test("assertEligible() refuses excluded states and future birth dates", () => {
  for (const state of EXCLUDED) {
    assert.equal(
      reason({ date_of_birth: "1990-01-01", state }),
      "bad_request: State not eligible for sweepstakes",
    );
  }
  assert.equal(
    reason({ date_of_birth: "2026-06-16", state: "TX" }),
    "validation: date_of_birth must not be in the future.",
  );
});

Deno.test("assertEligible() handles a 29 February birthday", () => {
  assert.match(reason({ date_of_birth: "2008-02-29", state: "TX", today: "2026-02-28" })!, /18/);
  assert.equal(reason({ date_of_birth: "2008-02-29", state: "TX", today: "2026-03-01" }), null);
});

import assert from "node:assert/strict";
import { DomainError } from "../../../../core/errors.ts";
import { taxFormThresholdUsd } from "../../../../core/fulfillment/schemas.ts";
import { assertMayEnter } from "../../../../core/tickets/eligibility.ts";
import { oddsFor } from "../../../../core/tickets/odds.ts";
import type { Entrant } from "../../../../core/tickets/repo.ts";

const NOW = new Date("2026-06-15T12:00:00Z");
const ADULT: Entrant = {
  id: "u1",
  email: "a@example.com",
  display_name: "A",
  role: "user",
  status: "active",
  created_at: "2026-01-01T00:00:00Z",
  state: "CA",
  date_of_birth: "1990-01-01",
  tier_code: "F-30-39-INT",
};

function refusal(entrant: Entrant, rules: Record<string, unknown> = {}): string | null {
  try {
    assertMayEnter(entrant, rules, NOW, ["NY", "FL", "RI"]);
    return null;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, "forbidden");
    return error.details.errors![0].field;
  }
}

Deno.test("oddsFor() - the plan's example: 1000 sold → 1 in 1001; 10 of 1010 → 1 in 101", () => {
  assert.deepEqual(oddsFor(1000, 0), {
    total_tickets: 1000,
    your_tickets: 0,
    your_odds: null,
    next_ticket_odds: "1 in 1001",
  });
  assert.equal(oddsFor(1010, 10).your_odds, "1 in 101");
  assert.equal(oddsFor(3, 2).your_odds, "1 in 1.5");
  assert.equal(oddsFor(0, 0).next_ticket_odds, "1 in 1");
});

Deno.test("assertMayEnter() - age of majority per state, platform and drawing state lists", () => {
  assert.equal(refusal(ADULT), null);
  const twenty = { ...ADULT, date_of_birth: "2006-01-01" };
  assert.equal(refusal({ ...twenty, state: "TX" }), null);
  assert.equal(refusal({ ...twenty, state: "MS" }), "date_of_birth", "Mississippi needs 21");
  assert.equal(refusal({ ...ADULT, date_of_birth: "2007-07-01", state: "AL" }), "date_of_birth");
  assert.equal(refusal({ ...ADULT, state: "NY" }), "state");
  assert.equal(refusal(ADULT, { states: ["TX", "CA"] }), null);
  assert.equal(refusal(ADULT, { states: ["TX"] }), "state");
  assert.equal(refusal({ ...ADULT, status: "suspended" }), "user");
  assert.equal(refusal({ ...ADULT, state: null }), "profile");
  assert.equal(refusal(ADULT, { min_account_age_days: 165 }), null);
  assert.equal(refusal(ADULT, { min_account_age_days: 166 }), "account_age");
  assert.equal(refusal(ADULT, { user_type: "premium" }), "user_type");
  assert.equal(refusal({ ...ADULT, role: "premium" }, { user_type: "premium" }), null);
  assert.equal(refusal(ADULT, { tiers: ["F-30-39-INT"] }), null);
  assert.equal(refusal(ADULT, { tiers: ["OPEN"] }), "tier");
});

Deno.test("taxFormThresholdUsd() - $600 through 2025, $2,000 from 2026", () => {
  assert.equal(taxFormThresholdUsd(2025), 600);
  assert.equal(taxFormThresholdUsd(2026), 2000);
});

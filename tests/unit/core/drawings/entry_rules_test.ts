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

Deno.test("oddsFor() - the next ticket's odds count the caller's tickets too", () => {
  assert.equal(oddsFor(1010, 10).next_ticket_odds, "1 in 91.9", "1011 / 11");
  assert.equal(oddsFor(9, 2).next_ticket_odds, "1 in 3.3", "10 / 3");
});

function refusalMessage(entrant: Entrant, rules: Record<string, unknown> = {}): string {
  try {
    assertMayEnter(entrant, rules, NOW, ["NY", "FL", "RI"]);
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(
      error.message,
      `Not eligible for this drawing: ${error.details.errors![0].message}`,
    );
    return error.details.errors![0].message;
  }
  throw new Error("expected a refusal");
}

Deno.test("assertMayEnter() - the age of majority is reached on the birthday, not the day before", () => {
  assert.equal(refusal({ ...ADULT, date_of_birth: "2008-06-15" }), null, "18 today in CA");
  assert.equal(refusal({ ...ADULT, date_of_birth: "2008-06-16" }), "date_of_birth");
  assert.equal(refusal({ ...ADULT, state: "MS", date_of_birth: "2005-06-15" }), null, "21 today");
  assert.equal(refusal({ ...ADULT, state: "MS", date_of_birth: "2005-06-16" }), "date_of_birth");
});

Deno.test("assertMayEnter() - the minimum account age is met at exactly that many days", () => {
  const created = (days: number, ms = 0) => ({
    ...ADULT,
    created_at: new Date(NOW.getTime() - days * 86_400_000 - ms).toISOString(),
  });
  assert.equal(refusal(created(30), { min_account_age_days: 30 }), null);
  assert.equal(refusal(created(30, -1), { min_account_age_days: 30 }), "account_age");
  assert.equal(refusal(created(0), {}), null, "no minimum: a brand-new account may enter");
});

Deno.test("assertMayEnter() - drawings limited to some roles", () => {
  const rules = { roles: ["premium", "admin"] };
  assert.equal(refusal(ADULT, rules), "role");
  assert.equal(refusal({ ...ADULT, role: "premium" }, rules), null);
  assert.equal(refusal({ ...ADULT, role: "admin" }, rules), null);
  assert.equal(refusalMessage(ADULT, rules), "open to premium, admin accounts only");
});

Deno.test("assertMayEnter() - every refusal tells the entrant why", () => {
  assert.equal(refusalMessage({ ...ADULT, status: "suspended" }), "the account is not active");
  assert.equal(
    refusalMessage({ ...ADULT, date_of_birth: null }),
    "a profile with state and date of birth is required",
  );
  assert.equal(refusalMessage({ ...ADULT, state: "RI" }), "residents of RI cannot enter");
  assert.equal(refusalMessage(ADULT, { excluded_states: ["CA"] }), "residents of CA cannot enter");
  assert.equal(
    refusalMessage(ADULT, { states: ["TX", "WA"] }),
    "open only to residents of TX, WA",
  );
  assert.equal(
    refusalMessage({ ...ADULT, state: "MS", date_of_birth: "2006-01-01" }),
    "entrants in MS must be 21 or older",
  );
  assert.equal(
    refusalMessage(ADULT, { min_account_age_days: 365 }),
    "the account must be at least 365 days old",
  );
  assert.equal(refusalMessage(ADULT, { user_type: "premium" }), "open to premium members only");
  assert.equal(
    refusalMessage({ ...ADULT, tier_code: null }, { tiers: ["F-30-39-INT", "OPEN"] }),
    "open to tiers F-30-39-INT, OPEN only",
  );
});

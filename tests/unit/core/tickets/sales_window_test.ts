import assert from "node:assert/strict";
import { isSelling, salesClosed } from "../../../../core/tickets/_entry.ts";
import { type Drawing, DRAWING_STATUSES } from "../../../../core/drawings/schemas.ts";

const OPENS = "2026-12-01T00:00:00.000Z";
const CLOSES = "2026-12-08T00:00:00.000Z";

function drawing(overrides: Partial<Drawing> = {}): Drawing {
  return {
    id: "5f0c6f0e-3a52-4a8e-9d36-1b1c2f3a4b5c",
    drawing_type: "weekly",
    name: "Weekly",
    description: null,
    ticket_cost_points: 100,
    drawing_time: "2026-12-08T01:00:00.000Z",
    ticket_sales_close: CLOSES,
    eligibility: {},
    status: "open",
    total_tickets: 0,
    random_seed: null,
    winner_selected_at: null,
    created_by: null,
    created_at: "2026-11-01T00:00:00.000Z",
    updated_at: "2026-11-01T00:00:00.000Z",
    completed_at: null,
    version: 1,
    prizes: [],
    ticket_sales_open: OPENS,
    per_user_cap: 0,
    free_entries_per_user: 1,
    rules_text: null,
    rules_sha256: null,
    commitment: null,
    merkle_root: null,
    frozen_ticket_count: null,
    closed_at: null,
    cancelled_at: null,
    use_beacon: false,
    beacon_round: null,
    template_id: null,
    period_start: null,
    ...overrides,
  };
}

const at = (iso: string, shiftMs = 0) => new Date(Date.parse(iso) + shiftMs);

Deno.test("isSelling() - sales open at ticket_sales_open (inclusive) and end at ticket_sales_close (exclusive)", () => {
  const d = drawing();
  assert.equal(isSelling(d, at(OPENS, -1)), false, "1 ms before opening");
  assert.equal(isSelling(d, at(OPENS)), true, "the opening instant");
  assert.equal(isSelling(d, at(CLOSES, -1)), true, "the last millisecond");
  assert.equal(isSelling(d, at(CLOSES)), false, "the closing instant");
});

Deno.test("isSelling() - no opening time means selling from creation until the close", () => {
  const d = drawing({ ticket_sales_open: null });
  assert.equal(isSelling(d, new Date("2000-01-01T00:00:00Z")), true);
  assert.equal(isSelling(d, at(CLOSES)), false);
});

Deno.test("isSelling() - only an open drawing sells, even inside the window", () => {
  const inside = at(OPENS, 60_000);
  for (const status of DRAWING_STATUSES) {
    assert.equal(isSelling(drawing({ status }), inside), status === "open", status);
  }
});

Deno.test("salesClosed() - a 403 that names the status, and the close time only when open", () => {
  const late = salesClosed(drawing());
  assert.equal(late.code, "forbidden");
  assert.equal(
    late.message,
    `Ticket sales closed: drawing ${drawing().id} is open and sales ended at ${CLOSES}`,
  );
  const closed = salesClosed(drawing({ status: "closed" }));
  assert.equal(closed.message, `Ticket sales closed: drawing ${drawing().id} is closed`);
});

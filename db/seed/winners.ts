/**
 * After every ticket is written: ticket counts per drawing, and for each
 * completed drawing one winning ticket per prize with a fulfillment, the
 * fulfillments walking through every workflow status.
 *
 * @module
 */
import { type Cell, literal } from "./_bulk.ts";
import type { SeedRandom } from "./_random.ts";
import type { SeedDrawing } from "./catalog.ts";
import type { Seal } from "./mod.ts";

const HOUR = 3_600_000;
const STATUSES = [
  "delivered",
  "shipped",
  "address_confirmed",
  "winner_notified",
  "pending",
  "forfeited",
] as const;
const CARRIERS = ["UPS", "USPS", "FedEx"];

function values(rows: Cell[][]): string {
  return rows.map((r) => `(${r.map(literal).join(",")})`).join(",");
}

/** SQL statements that finish the data set; `exec` runs each on the seed's session. */
export async function writeWinners(
  exec: (text: string) => Promise<void>,
  rng: SeedRandom,
  drawings: readonly SeedDrawing[],
  ticketCounters: ReadonlyMap<string, number>,
  seal: Seal,
): Promise<void> {
  const counts = drawings.map((d) => [d.id, ticketCounters.get(d.id) ?? 0] as Cell[]);
  await exec(
    `UPDATE drawings SET total_tickets = v.n::int FROM (VALUES ${
      values(counts)
    }) v(id, n) WHERE drawings.id = v.id::uuid`,
  );
  const winners: Cell[][] = [];
  const fulfillments: Cell[][] = [];
  let w = 0;
  for (const d of drawings) {
    const sold = ticketCounters.get(d.id) ?? 0;
    if (d.status !== "completed" || sold === 0) continue;
    const taken = new Set<number>();
    for (const prize of d.prizes.slice(0, sold)) {
      let n = rng.int(1, sold);
      while (taken.has(n)) n = n % sold + 1;
      taken.add(n);
      winners.push([d.id, n, prize.id]);
      const status = prize.fulfillment === "digital"
        ? "delivered"
        : STATUSES[w++ % STATUSES.length];
      const at = (hours: number) => new Date(d.drawingTime + hours * HOUR);
      const reached = (s: typeof STATUSES[number]) =>
        STATUSES.indexOf(status) <= STATUSES.indexOf(s) && status !== "forfeited" &&
        status !== "pending";
      const address = prize.fulfillment === "physical" && reached("address_confirmed")
        ? {
          name: rng.faker.person.fullName(),
          line1: rng.faker.location.streetAddress(),
          city: rng.faker.location.city(),
          state: "CA",
          zip: rng.faker.location.zipCode("#####"),
        }
        : null;
      fulfillments.push([
        rng.uuid(),
        d.id,
        n,
        status,
        // Sealed exactly as the fulfillment repository stores a winner's address.
        address ? { sealed: await seal(JSON.stringify(address)) } : null,
        reached("shipped") && prize.fulfillment === "physical"
          ? `1Z${rng.int(100000000, 999999999)}`
          : null,
        reached("shipped") && prize.fulfillment === "physical" ? rng.pick(CARRIERS) : null,
        status === "pending" ? null : at(1),
        reached("address_confirmed") ? at(24) : null,
        reached("shipped") ? at(48) : null,
        status === "delivered" ? at(96) : null,
        status === "forfeited" ? at(14 * 24) : null,
        at(0.1),
        status === "forfeited" ? "No response within 14 days of notification." : null,
      ]);
    }
  }
  if (winners.length === 0) return;
  await exec(
    `UPDATE tickets SET is_winner = true, prize_id = v.prize::uuid FROM (VALUES ${
      values(winners)
    }) v(drawing, n, prize) WHERE tickets.drawing_id = v.drawing::uuid AND tickets.ticket_number = v.n::int`,
  );
  await exec(
    `INSERT INTO prize_fulfillments (id, ticket_id, prize_id, user_id, status, shipping_address,
      tracking_number, carrier, notified_at, address_confirmed_at, shipped_at, delivered_at,
      forfeited_at, created_at, updated_at, drawing_id, forfeit_reason)
     SELECT v.id::uuid, t.id, t.prize_id, t.user_id, v.status, v.address::jsonb, v.tracking,
       v.carrier, v.notified::timestamptz, v.confirmed::timestamptz, v.shipped::timestamptz,
       v.delivered::timestamptz, v.forfeited::timestamptz, v.created::timestamptz,
       greatest(v.created::timestamptz, v.notified::timestamptz, v.confirmed::timestamptz,
         v.shipped::timestamptz, v.delivered::timestamptz, v.forfeited::timestamptz),
       t.drawing_id, v.reason
     FROM (VALUES ${
      values(fulfillments)
    }) v(id, drawing, n, status, address, tracking, carrier, notified, confirmed, shipped,
       delivered, forfeited, created, reason)
     JOIN tickets t ON t.drawing_id = v.drawing::uuid AND t.ticket_number = v.n::int`,
  );
}

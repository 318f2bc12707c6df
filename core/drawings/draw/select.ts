/**
 * Winners from the candidate order: prizes in rank order, a per-user cap,
 * then alternates; forfeits replayed in the order they happened, each prize
 * passing to the first alternate still under the cap.
 *
 * @module
 */
import { candidateOrder } from "./stream.ts";

/** A prize as the draw sees it: its rank and how many of it there are. */
export interface PrizeSlots {
  rank: number;
  quantity: number;
}

export type Outcome = "won" | "skipped_cap" | "alternate" | "forfeited";

/** One candidate, in draw order (position 0 first). */
export interface Pick {
  position: number;
  ticket_number: number;
  outcome: Outcome;
  prize_rank: number | null;
}

export interface SelectInput {
  key: Uint8Array;
  ticketCount: number;
  /** Owner pseudonym (hex) of a ticket number; tickets of one owner share it. */
  pseudonymOf: (ticketNumber: number) => string;
  prizes: readonly PrizeSlots[];
  perUserCap: number;
  /** How many alternates to draw after the winners. */
  alternates: number;
  /** Positions of forfeited winners, in the order the forfeits happened. */
  forfeits?: readonly number[];
}

/**
 * Runs the award. Deterministic: the same input gives the same picks, which is
 * what lets anyone holding the published proof replay it.
 *
 * @example selectWinners({ key, ticketCount: 3, pseudonymOf, prizes: [{ rank: 1, quantity: 1 }], perUserCap: 1, alternates: 1 })
 */
export function selectWinners(input: SelectInput): Pick[] {
  const slots = [...input.prizes].sort((a, b) => a.rank - b.rank)
    .flatMap((p) => Array<number>(p.quantity).fill(p.rank));
  const held = new Map<string, number>();
  const count = (n: number) => held.get(input.pseudonymOf(n)) ?? 0;
  const bump = (n: number, by: number) => held.set(input.pseudonymOf(n), count(n) + by);
  const picks: Pick[] = [];
  let filled = 0, alternates = 0;
  for (const ticket of candidateOrder(input.key, input.ticketCount)) {
    if (filled === slots.length && alternates >= input.alternates) break;
    const pick: Pick = {
      position: picks.length,
      ticket_number: ticket,
      outcome: "skipped_cap",
      prize_rank: null,
    };
    if (count(ticket) < input.perUserCap) {
      if (filled < slots.length) {
        pick.outcome = "won";
        pick.prize_rank = slots[filled++];
        bump(ticket, 1);
      } else {
        pick.outcome = "alternate";
        alternates++;
      }
    }
    picks.push(pick);
  }
  for (const position of input.forfeits ?? []) {
    const lost = picks[position];
    if (!lost || lost.outcome !== "won") {
      throw new Error(`Invalid forfeit: position ${position} is not a current winner`);
    }
    lost.outcome = "forfeited";
    bump(lost.ticket_number, -1);
    const next = picks.find((p) =>
      p.outcome === "alternate" && count(p.ticket_number) < input.perUserCap
    );
    if (next) {
      next.outcome = "won";
      next.prize_rank = lost.prize_rank;
      bump(next.ticket_number, 1);
    }
  }
  return picks;
}

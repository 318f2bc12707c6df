import type { Odds } from "./schemas.ts";

function oneIn(ratio: number): string {
  const rounded = Math.round(ratio * 10) / 10;
  return `1 in ${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}`;
}

/**
 * The caller's odds of the top prize with `mine` of `total` tickets, and what
 * one more ticket would make them: 0 of 1000 → next "1 in 1001"; 10 of 1010 → "1 in 101".
 */
export function oddsFor(total: number, mine: number): Odds {
  return {
    total_tickets: total,
    your_tickets: mine,
    your_odds: mine > 0 ? oneIn(total / mine) : null,
    next_ticket_odds: oneIn((total + 1) / (mine + 1)),
  };
}

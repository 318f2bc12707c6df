import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { oddsFor } from "./odds.ts";
import type { Odds, Ticket, TicketFilter, TicketSort } from "./schemas.ts";

/** The caller's tickets across drawings, newest first by default. */
export async function listMyTickets(
  deps: CoreDeps,
  userId: string,
  query: ListQuery<TicketSort, TicketFilter>,
): Promise<Page<Ticket>> {
  return await deps.store.tickets.list(userId, query);
}

/** The caller's current odds in a drawing of `totalTickets`. */
export async function myOdds(
  deps: CoreDeps,
  drawingId: string,
  userId: string,
  totalTickets: number,
): Promise<Odds> {
  return oddsFor(totalTickets, await deps.store.tickets.count(drawingId, userId));
}

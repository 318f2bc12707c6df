/**
 * The steps every entry shares, paid or free: the drawing must be selling, the
 * entrant eligible, and the numbers reserved under the drawing's row lock.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { Repositories } from "../ports.ts";
import type { Drawing } from "../drawings/schemas.ts";
import { assertMayEnter } from "./eligibility.ts";
import type { Entrant } from "./repo.ts";

/** The parts of a drawing that say whether it sells now. */
type SalesWindow = Pick<Drawing, "id" | "status" | "ticket_sales_open" | "ticket_sales_close">;

/** The 403 of a drawing that does not sell now. */
export function salesClosed(drawing: SalesWindow): DomainError {
  return new DomainError(
    "forbidden",
    `Ticket sales closed: drawing ${drawing.id} is ${drawing.status}` +
      (drawing.status === "open" ? ` and sales ended at ${drawing.ticket_sales_close}` : ""),
  );
}

/** Whether `drawing` takes entries at `now`. */
export function isSelling(drawing: SalesWindow, now: Date): boolean {
  return drawing.status === "open" && Date.parse(drawing.ticket_sales_close) > now.getTime() &&
    (!drawing.ticket_sales_open || Date.parse(drawing.ticket_sales_open) <= now.getTime());
}

/**
 * Checks that the drawing sells at `now` and that the user may enter it;
 * reads only (no lock). Returns the drawing and the entrant.
 */
export async function checkEntry(
  tx: Repositories,
  input: { drawingId: string; userId: string; now: Date },
  excludedStates: readonly string[],
): Promise<{ drawing: Drawing; entrant: Entrant }> {
  // Both reads are sent at once (pipelined on a transaction's connection, or on two
  // pool connections outside one); the checks still run in this order.
  const [drawing, entrant] = await Promise.all([
    tx.drawings.findById(input.drawingId),
    tx.tickets.entrant(input.userId),
  ]);
  return {
    drawing: assertEntry(drawing, entrant, input, excludedStates),
    entrant: entrant!,
  };
}

/**
 * The entry checks, in order, on what was read: 404 for a missing drawing,
 * 403 when it does not sell at `now`, 404 for a missing user, 403 when the
 * user may not enter. Returns the drawing.
 */
export function assertEntry<D extends SalesWindow & Pick<Drawing, "eligibility">>(
  drawing: D | null,
  entrant: Entrant | null,
  input: { drawingId: string; userId: string; now: Date },
  excludedStates: readonly string[],
): D {
  if (!drawing) throw notFound("Drawing", input.drawingId);
  if (!isSelling(drawing, input.now)) throw salesClosed(drawing);
  if (!entrant) throw notFound("User", input.userId);
  assertMayEnter(entrant, drawing.eligibility, input.now, excludedStates);
  return drawing;
}

/**
 * Checks the drawing and the entrant, then reserves `quantity` numbers (this
 * locks the drawing row until commit). Returns the drawing, the entrant and
 * the first reserved number.
 */
export async function beginEntry(
  tx: Repositories,
  input: { drawingId: string; userId: string; quantity: number; now: Date },
  excludedStates: readonly string[],
): Promise<{ drawing: Drawing; entrant: Entrant; first: number }> {
  const { drawing, entrant } = await checkEntry(tx, input, excludedStates);
  const total = await tx.tickets.reserveNumbers(input.drawingId, input.quantity, input.now);
  if (total === null) throw salesClosed(drawing);
  return { drawing, entrant, first: total - input.quantity + 1 };
}

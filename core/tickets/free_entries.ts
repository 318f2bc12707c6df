/**
 * Free entries (AMOE, "no purchase necessary"): a signed-in user may request
 * the rules' number of free entries per drawing, and admins record mailed-in
 * entries. Both become ordinary tickets in the same pool, on equal terms.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { beginEntry } from "./_entry.ts";
import type { EntryType, Ticket } from "./schemas.ts";

/** The notice every drawing page and the official rules carry. */
export const NO_PURCHASE_NECESSARY =
  "No purchase necessary. A purchase does not improve your chances of winning. " +
  'Enter free from the drawing page ("Free entry") or by mail as the official rules describe.';

/**
 * Issues `quantity` free tickets to `userId` ("free": self-service form;
 * "mail": recorded by an admin, `actorId`). The free entries of one user per
 * drawing (both kinds) never exceed the drawing's `free_entries_per_user`.
 */
export async function addFreeEntries(
  deps: CoreDeps,
  input: {
    userId: string;
    drawingId: string;
    quantity: number;
    entryType: Exclude<EntryType, "purchase">;
    actorId?: string | null;
    note?: string;
  },
): Promise<Ticket[]> {
  return await deps.store.transaction(async (tx) => {
    const { drawing, first } = await beginEntry(tx, {
      drawingId: input.drawingId,
      userId: input.userId,
      quantity: input.quantity,
      now: deps.clock.now(),
    }, deps.auth.excludedStates);
    // Counted under the drawing's row lock, so two requests cannot both slip under the limit.
    const used = await tx.tickets.count(input.drawingId, input.userId, ["free", "mail"]);
    const limit = drawing.free_entries_per_user;
    if (used + input.quantity > limit) {
      throw new DomainError(
        "conflict",
        `Free entry limit reached: the rules allow ${limit} free entr${
          limit === 1 ? "y" : "ies"
        } per person for this drawing (already ${used}).`,
        { errors: [{ field: "quantity", message: `at most ${Math.max(0, limit - used)} more` }] },
      );
    }
    const tickets = await tx.tickets.insert({
      drawingId: input.drawingId,
      userId: input.userId,
      first,
      quantity: input.quantity,
      entryType: input.entryType,
      transactionId: null,
    });
    await tx.audit.record({
      actor_id: input.actorId ?? input.userId,
      action: `drawing.free_entry.${input.entryType}`,
      entity_type: "drawing",
      entity_id: input.drawingId,
      details: { user_id: input.userId, quantity: input.quantity, note: input.note ?? null },
    });
    return tickets;
  });
}

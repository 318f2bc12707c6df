/**
 * Buying tickets: eligibility, the points debit, gapless numbering and the
 * drawing's count in one transaction; with an Idempotency-Key, a repeat of the
 * same request replays the first answer instead of buying again.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { beginEntry } from "./_entry.ts";
import { oddsFor } from "./odds.ts";
import type { PurchaseResult } from "./schemas.ts";

export interface PurchaseRequest {
  userId: string;
  drawingId: string;
  quantity: number;
  /** Client-chosen key; the same key with the same request answers the same. */
  idempotencyKey?: string;
}

/** A purchase's answer; `replayed` when an Idempotency-Key matched an earlier one. */
export interface PurchaseOutcome {
  result: PurchaseResult;
  replayed: boolean;
}

/**
 * Buys `quantity` tickets. Throws 404 (drawing), 403 "Ticket sales closed" or
 * not eligible, 409 "Insufficient points", 422 for a key reused with a different request.
 */
export async function purchaseTickets(
  deps: CoreDeps,
  request: PurchaseRequest,
): Promise<PurchaseOutcome> {
  const { userId, drawingId, quantity, idempotencyKey: key } = request;
  const fingerprint = `purchase:${drawingId}:${quantity}`;
  return await deps.store.transaction(async (tx) => {
    if (key) {
      const stored = await tx.tickets.claimIdempotency(userId, key, fingerprint);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new DomainError(
            "validation",
            "This Idempotency-Key was already used for a different request.",
            { errors: [{ field: "Idempotency-Key", message: "was used with another request" }] },
          );
        }
        return { result: stored.body as PurchaseResult, replayed: true };
      }
    }
    const now = deps.clock.now();
    // Read before the drawing's row lock: the odds are for display, the lock is the bottleneck.
    const held = await tx.tickets.count(drawingId, userId);
    // Lock order everywhere: the drawing row, then user rows (no deadlocks with cancel).
    const { drawing, first } = await beginEntry(
      tx,
      { drawingId, userId, quantity, now },
      deps.auth.excludedStates,
    );
    const cost = quantity * drawing.ticket_cost_points;
    const debit = await tx.points.append({
      user_id: userId,
      transaction_type: "spend",
      amount: -cost,
      reference_type: "drawing",
      reference_id: drawingId,
      description: `${quantity} ticket${quantity === 1 ? "" : "s"} for ${drawing.name}`,
    });
    if (!debit) {
      throw new DomainError(
        "insufficient_points",
        `Insufficient points: ${quantity} ticket${quantity === 1 ? "" : "s"} cost ${cost} points.`,
      );
    }
    const tickets = await tx.tickets.insert({
      drawingId,
      userId,
      first,
      quantity,
      entryType: "purchase",
      transactionId: debit.id,
    });
    const result: PurchaseResult = {
      drawing_id: drawingId,
      quantity,
      first_ticket_number: first,
      last_ticket_number: first + quantity - 1,
      points_spent: cost,
      point_balance: debit.balance_after,
      transaction_id: debit.id,
      tickets,
      odds: oddsFor(first + quantity - 1, held + quantity),
    };
    if (key) await tx.tickets.storeIdempotent(userId, key, 201, result);
    return { result, replayed: false };
  });
}

/**
 * Buying tickets: eligibility, the points debit, gapless numbering and the
 * drawing's count in one transaction; with an Idempotency-Key, a repeat of the
 * same request replays the first answer instead of buying again.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps, Repositories } from "../ports.ts";
import { checkEntry, salesClosed } from "./_entry.ts";
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
  // Without a key the purchase needs no transaction of its own: the reads check
  // eligibility, and the one statement that reserves numbers, debits and issues
  // tickets is atomic and re-checks sales and balance under its locks. It then
  // holds the drawing's row lock for its own execution and commit only, not for
  // client round trips (BEGIN ... COMMIT), which is what limits a busy drawing.
  if (!key) return counted(deps, await buy(deps, deps.store, request));
  const fingerprint = `purchase:${drawingId}:${quantity}`;
  const outcome: Bought | { result: PurchaseResult; replayed: true } = await deps.store
    .transaction(async (tx) => {
      const stored = await tx.tickets.claimIdempotency(userId, key, fingerprint);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new DomainError(
            "validation",
            "This Idempotency-Key was already used for a different request.",
            { errors: [{ field: "Idempotency-Key", message: "was used with another request" }] },
          );
        }
        return { result: stored.body as PurchaseResult, replayed: true as const };
      }
      const bought = await buy(deps, tx, request);
      await tx.tickets.storeIdempotent(userId, key, 201, bought.result);
      return bought;
    });
  return outcome.replayed === true ? outcome : counted(deps, outcome);
}

/** A new purchase, counted once it has committed. */
function counted(deps: CoreDeps, bought: Bought): PurchaseOutcome {
  deps.telemetry?.ticketsPurchased(bought.drawingType, bought.result.quantity);
  return { result: bought.result, replayed: false };
}

type Bought = { result: PurchaseResult; replayed: false; drawingType: string };

/** Checks, then buys in one statement; `repos` is the store or the caller's transaction. */
async function buy(
  deps: CoreDeps,
  repos: Repositories,
  { userId, drawingId, quantity }: PurchaseRequest,
): Promise<Bought> {
  const now = deps.clock.now();
  const [{ drawing }, held] = await Promise.all([
    checkEntry(repos, { drawingId, userId, now }, deps.auth.excludedStates),
    repos.tickets.count(drawingId, userId),
  ]);
  const cost = quantity * drawing.ticket_cost_points;
  const bought = await repos.tickets.purchase({
    drawingId,
    userId,
    quantity,
    now,
    debit: {
      user_id: userId,
      transaction_type: "spend",
      amount: -cost,
      reference_type: "drawing",
      reference_id: drawingId,
      description: `${quantity} ticket${quantity === 1 ? "" : "s"} for ${drawing.name}`,
    },
  });
  if (bought.status === "closed") throw salesClosed(drawing);
  if (bought.status === "insufficient") {
    // The statement wrote nothing (its reservation is conditional on the debit).
    throw new DomainError(
      "insufficient_points",
      `Insufficient points: ${quantity} ticket${quantity === 1 ? "" : "s"} cost ${cost} points.`,
    );
  }
  const { first, debit, tickets } = bought;
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
  return { result, replayed: false, drawingType: drawing.drawing_type };
}

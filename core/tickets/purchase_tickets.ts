/**
 * Buying tickets: eligibility, the points debit, gapless numbering and the
 * drawing's count in one transaction; with an Idempotency-Key, a repeat of the
 * same request replays the first answer instead of buying again.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps, Repositories } from "../ports.ts";
import { assertEntry, salesClosed } from "./_entry.ts";
import { oddsFor } from "./odds.ts";
import type { Entrant, SaleTerms } from "./repo.ts";
import { saleTermsCacheOf } from "./sale_terms_cache.ts";
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

/**
 * Checks, then buys in one statement; `repos` is the store or the caller's
 * transaction. The drawing's sale terms may come from the store's short-lived
 * copy ({@link saleTermsCacheOf}): the statement writes only if the drawing's
 * version is still the one the checks used; otherwise (`stale`) the drawing is
 * read again, checked again, and the purchase tried once more. A refusal is
 * only ever made on a fresh read, so an admin's change is honoured at once.
 */
async function buy(
  deps: CoreDeps,
  repos: Repositories,
  request: PurchaseRequest,
): Promise<Bought> {
  const { userId, drawingId } = request;
  const now = deps.clock.now();
  const cache = saleTermsCacheOf(deps.store);
  const cached = cache.get(drawingId, now);
  let [terms, entrant] = await Promise.all([
    cached ?? repos.tickets.saleTerms(drawingId),
    repos.tickets.entrant(userId),
  ]);
  let fresh = cached === undefined;
  let retried = false;
  for (;;) {
    let attempt: Attempt;
    try {
      attempt = await attemptPurchase(deps, repos, request, { terms, entrant, now });
    } catch (error) {
      // A refusal made on a copy is confirmed on the drawing as it is now; the
      // statement checked the version before the balance, so a 409 is true as it is.
      const confirmed = fresh || !(error instanceof DomainError) ||
        error.code === "insufficient_points";
      if (confirmed) throw error;
      attempt = "reread";
    }
    if (typeof attempt === "object") {
      if (fresh) cache.set(attempt.terms, now);
      return attempt.bought;
    }
    if (attempt === "stale") {
      if (retried) {
        throw new DomainError(
          "conflict",
          `Drawing ${drawingId} changed during the purchase: nothing was bought, try again.`,
        );
      }
      retried = true;
    }
    cache.delete(drawingId);
    terms = await repos.tickets.saleTerms(drawingId);
    fresh = true;
  }
}

/** The outcome of one try: bought, the drawing changed (`stale`), or a refusal to confirm. */
type Attempt = { bought: Bought; terms: SaleTerms } | "stale" | "reread";

/** Checks `terms` and the entrant, then runs the purchase statement once. */
async function attemptPurchase(
  deps: CoreDeps,
  repos: Repositories,
  { userId, drawingId, quantity }: PurchaseRequest,
  read: { terms: SaleTerms | null; entrant: Entrant | null; now: Date },
): Promise<Attempt> {
  const { now } = read;
  const terms = assertEntry(
    read.terms,
    read.entrant,
    { drawingId, userId, now },
    deps.auth.excludedStates,
  );
  const cost = quantity * terms.ticket_cost_points;
  const bought = await repos.tickets.purchase({
    drawingId,
    userId,
    quantity,
    now,
    version: terms.version,
    debit: {
      user_id: userId,
      transaction_type: "spend",
      amount: -cost,
      reference_type: "drawing",
      reference_id: drawingId,
      description: `${quantity} ticket${quantity === 1 ? "" : "s"} for ${terms.name}`,
    },
  });
  if (bought.status === "stale") return "stale";
  if (bought.status === "closed") throw salesClosed(terms);
  if (bought.status === "insufficient") {
    // The statement wrote nothing (its reservation is conditional on the debit).
    throw new DomainError(
      "insufficient_points",
      `Insufficient points: ${quantity} ticket${quantity === 1 ? "" : "s"} cost ${cost} points.`,
    );
  }
  const { first, debit, tickets, held } = bought;
  const last = first + quantity - 1;
  const result: PurchaseResult = {
    drawing_id: drawingId,
    quantity,
    first_ticket_number: first,
    last_ticket_number: last,
    points_spent: cost,
    point_balance: debit.balance_after,
    transaction_id: debit.id,
    tickets,
    odds: oddsFor(last, held),
  };
  return { bought: { result, replayed: false, drawingType: terms.drawing_type }, terms };
}

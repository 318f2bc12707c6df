/**
 * One user's history: activities paid by the point rules (tier multiplier,
 * workout bonuses, daily cap), a welcome bonus, ticket purchases, refunds of a
 * cancelled drawing and the odd correction, written as a ledger whose running
 * balance never goes below zero and ends at the user's balance.
 *
 * @module
 */
import type { BulkWriter } from "./_bulk.ts";
import { TICKETS, TRANSACTIONS } from "./_tables.ts";
import { type ActivityContext, writeActivities } from "./activities.ts";
import type { SeedDrawing } from "./catalog.ts";
import type { SeedUser } from "./people.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const WELCOME_BONUS = 500;

interface LedgerEvent {
  at: number;
  type: "earn" | "spend" | "adjust" | "refund";
  amount: number;
  reference: [string, string] | null;
  description: string;
  /** A purchase: its tickets are written only if the balance covers it. */
  purchase?: { drawing: SeedDrawing; quantity: number };
  /** A refund: posted only if this purchase was. */
  refundOf?: LedgerEvent;
}

export interface LedgerContext extends ActivityContext {
  drawings: readonly SeedDrawing[];
  /** Next ticket number per drawing id (shared across users). */
  ticketCounters: Map<string, number>;
}

function purchaseEvents(ctx: LedgerContext, user: SeedUser): LedgerEvent[] {
  const { rng, now } = ctx;
  if (user.role === "admin" || user.status !== "active") return [];
  const out: LedgerEvent[] = [];
  const purchases = rng.int(1, 3);
  for (let p = 0; p < purchases; p++) {
    const drawing = rng.pick(ctx.drawings);
    const from = Math.max(drawing.salesFrom, user.createdAt + drawing.minAccountAgeDays * DAY);
    const to = Math.min(drawing.salesTo, now - MINUTE);
    if (to - from < MINUTE) continue;
    const quantity = rng.int(1, 4);
    const at = rng.between(from, to).getTime();
    const spend: LedgerEvent = {
      at,
      type: "spend",
      amount: -drawing.cost * quantity,
      reference: ["drawing", drawing.id],
      description: `${quantity} ticket(s) for a drawing`,
      purchase: { drawing, quantity },
    };
    out.push(spend);
    // Sales of a cancelled drawing end at its cancellation, so the refund always follows the spend.
    if (drawing.cancelledAt !== null) {
      out.push({
        at: drawing.cancelledAt,
        type: "refund",
        amount: -spend.amount,
        reference: ["drawing", drawing.id],
        description: "Refund: drawing cancelled",
        refundOf: spend,
      });
    }
  }
  return out;
}

/**
 * Queues one user's activities, ledger and tickets.
 *
 * @returns the user's final balance and lifetime earnings
 */
export function writeHistory(
  writer: BulkWriter,
  ctx: LedgerContext,
  user: SeedUser,
  activityCount: number,
): { balance: number; earned: number; updatedAt: number } {
  const { rng } = ctx;
  const events: LedgerEvent[] = [{
    at: user.createdAt + MINUTE,
    type: "adjust",
    amount: WELCOME_BONUS,
    reference: null,
    description: "Welcome bonus",
  }];
  if (user.status !== "pending") {
    for (const e of writeActivities(writer, ctx, user, activityCount)) {
      events.push({
        at: e.at,
        type: "earn",
        amount: e.amount,
        reference: ["activity", e.activityId],
        description: `${e.kind.replace("_", " ")} activity`,
      });
    }
  }
  events.push(...purchaseEvents(ctx, user));
  events.sort((a, b) => a.at - b.at);
  let balance = 0;
  let earned = 0;
  let last = 0;
  const post = (e: LedgerEvent) => {
    // Distinct instants per user: "latest entry" must be unambiguous.
    last = Math.max(e.at, last + 1);
    balance += e.amount;
    if (e.type === "earn") earned += e.amount;
    const id = rng.uuid();
    writer.add(TRANSACTIONS.name, [
      id,
      user.id,
      e.type,
      e.amount,
      balance,
      e.reference?.[0] ?? null,
      e.reference?.[1] ?? null,
      e.description,
      new Date(last),
    ]);
    return id;
  };
  const posted = new Set<LedgerEvent>();
  for (const e of events) {
    if (e.purchase && balance + e.amount < 0) continue;
    if (e.refundOf && !posted.has(e.refundOf)) continue;
    posted.add(e);
    const txId = post(e);
    if (!e.purchase) continue;
    const { drawing, quantity } = e.purchase;
    for (let q = 0; q < quantity; q++) {
      const number = (ctx.ticketCounters.get(drawing.id) ?? 0) + 1;
      ctx.ticketCounters.set(drawing.id, number);
      writer.add(TICKETS.name, [rng.uuid(), drawing.id, user.id, number, txId, new Date(last)]);
    }
  }
  if (rng.chance(0.1) && balance >= 50) {
    post({
      at: Math.min(last + 60 * MINUTE, ctx.now - 1000),
      type: "adjust",
      amount: -25,
      reference: null,
      description: "Correction: duplicate sync reversed",
    });
  }
  return { balance, earned, updatedAt: last };
}

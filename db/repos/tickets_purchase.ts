/**
 * The paid entry of `TicketRepo.purchase` as one SQL statement, so the
 * drawing's row lock (the numbering bottleneck) is held for that statement and
 * its commit only: without a caller's transaction, no client round trip. Its
 * text is built once (`db/statement.ts`); outside a transaction, purchases of a
 * drawing that arrive together go as one batch (`tickets_purchase_batch.ts`).
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { LedgerEntry } from "../../core/points/repo.ts";
import type { PurchaseWrite, PurchaseWriteInput } from "../../core/tickets/repo.ts";
import type { Ticket } from "../../core/tickets/schemas.ts";
import type { Orm } from "../client.ts";
import { fixedStatement } from "../statement.ts";
import { iso } from "./_list.ts";
import { ledgerCtes, type LedgerRow, ledgerTransaction } from "./points.ts";

/** A ticket row as `json_agg` returns it. */
export interface TicketJson {
  id: string;
  drawing_id: string;
  user_id: string;
  ticket_number: number;
  entry_type: Ticket["entry_type"];
  is_winner: boolean;
  prize_id: string | null;
  created_at: string;
}

/** json columns arrive parsed from postgres-js and PGlite; a string is parsed here just in case. */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** The values the purchase statement binds. */
type PurchaseValues = {
  drawing: string;
  user: string;
  quantity: number;
  now: string;
  version: number;
  amount: number;
  description: string;
};

/**
 * The purchase, rendered once. One statement, so it is atomic on its own and
 * needs no surrounding transaction. Lock order as everywhere else: the drawing
 * row (if it sells now), then the user row (the conditional debit). Nothing is
 * written unless the locked row still has the version the caller checked.
 * Numbers are reserved only once the debit has happened, so a refused purchase
 * leaves no gap in the numbering.
 *
 * `held` counts the buyer's tickets in the statement's snapshot, taken before
 * the lock was granted; `seen` is the drawing's count in that snapshot and
 * `target.total_tickets` the count under the lock. When they are equal, no
 * ticket of this drawing committed in between, so `held` is exact. Both come
 * first in the select list, so they are evaluated (from the same snapshot)
 * before the drawing's row is locked rather than while it is held.
 */
const PURCHASE = fixedStatement<PurchaseValues>((p) => {
  const debit = {
    user_id: p.user,
    transaction_type: "spend",
    amount: p.amount,
    reference_type: "drawing",
    reference_id: p.drawing,
    description: p.description,
  } as unknown as LedgerEntry; // ledgerCtes binds each field as a value: placeholders bind alike
  return sql`WITH target AS (
      SELECT id, version, total_tickets FROM drawings
       WHERE id = ${p.drawing}::uuid AND status = 'open' AND deleted_at IS NULL
         AND ticket_sales_close > ${p.now}::timestamptz
         AND (ticket_sales_open IS NULL OR ticket_sales_open <= ${p.now}::timestamptz)
         FOR UPDATE),
    selling AS (SELECT id FROM target WHERE version = ${p.version}::int),
    ${ledgerCtes(debit, sql`EXISTS (SELECT 1 FROM selling)`)},
    reserved AS (
      UPDATE drawings SET total_tickets = total_tickets + ${p.quantity}::int
       WHERE id = ${p.drawing}::uuid AND EXISTS (SELECT 1 FROM ledger_row)
      RETURNING total_tickets),
    issued AS (
      INSERT INTO tickets (drawing_id, user_id, ticket_number, purchase_transaction_id,
                           entry_type)
      SELECT ${p.drawing}::uuid, ${p.user}::uuid, r.total_tickets - ${p.quantity}::int + n,
             l.id, 'purchase'
        FROM reserved r, ledger_row l, generate_series(1, ${p.quantity}::int) n
      RETURNING id, drawing_id, user_id, ticket_number, entry_type, is_winner, prize_id,
                created_at)
    SELECT (SELECT count(*)::int FROM tickets
             WHERE drawing_id = ${p.drawing}::uuid AND user_id = ${p.user}::uuid) AS held,
           (SELECT total_tickets FROM drawings WHERE id = ${p.drawing}::uuid) AS seen,
           EXISTS (SELECT 1 FROM target) AS selling,
           EXISTS (SELECT 1 FROM selling) AS current,
           (SELECT total_tickets FROM reserved) AS total,
           (SELECT row_to_json(l) FROM ledger_row l) AS debit,
           (SELECT coalesce(json_agg(i ORDER BY i.ticket_number), '[]'::json)
              FROM issued i) AS tickets,
           (SELECT total_tickets FROM target) AS locked`;
});

/** The buyer's tickets numbered up to `last`, read after the purchase (all committed by then). */
export const HELD_UP_TO = fixedStatement<{ drawing: string; user: string; last: number }>((p) =>
  sql`SELECT count(*)::int AS n FROM tickets
       WHERE drawing_id = ${p.drawing}::uuid AND user_id = ${p.user}::uuid
         AND ticket_number <= ${p.last}::int`
);

interface PurchaseRow {
  selling: boolean;
  current: boolean;
  total: number | null;
  debit: unknown;
  tickets: unknown;
  held: number;
  seen: number | null;
  locked: number | null;
}

/** The statements write the debit as the buyer's spend on the drawing: anything else is a bug. */
export function assertSpendOnDrawing({ debit, userId, drawingId }: PurchaseWriteInput): void {
  if (
    debit.transaction_type !== "spend" || debit.user_id !== userId ||
    debit.reference_type !== "drawing" || debit.reference_id !== drawingId
  ) {
    throw new RangeError(
      "Cannot purchase tickets: the debit must be the buyer's spend on the drawing",
    );
  }
}

/**
 * Reserves the numbers, debits the points and inserts the tickets; see
 * `TicketRepo.purchase`.
 */
export async function purchaseInOneStatement(
  orm: Orm,
  input: PurchaseWriteInput,
): Promise<PurchaseWrite> {
  const { drawingId, userId, quantity, debit } = input;
  assertSpendOnDrawing(input);
  const [row] = await PURCHASE.rows<PurchaseRow>(orm, {
    drawing: drawingId,
    user: userId,
    quantity,
    now: input.now.toISOString(),
    version: input.version,
    amount: debit.amount,
    description: debit.description,
  });
  if (!row.selling) return { status: "closed" };
  if (!row.current) return { status: "stale" };
  if (row.debit === null || row.total === null) return { status: "insufficient" };
  const issued = json<TicketJson[]>(row.tickets);
  const last = Number(row.total);
  const exact = row.seen !== null && Number(row.seen) === Number(row.locked);
  const held = exact ? Number(row.held) + quantity : Number(
    (await HELD_UP_TO.rows<{ n: number }>(orm, { drawing: drawingId, user: userId, last }))[0].n,
  );
  return {
    status: "done",
    first: last - quantity + 1,
    debit: ledgerTransaction(json<LedgerRow>(row.debit)),
    tickets: issued.map((t) => ({ ...t, created_at: iso(t.created_at)! })),
    held,
  };
}

/**
 * The paid entry of `TicketRepo.purchase` as one SQL statement, so the
 * drawing's row lock (the numbering bottleneck) is held for that statement and
 * its commit only: without a caller's transaction, no client round trip.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { LedgerEntry } from "../../core/points/repo.ts";
import type { PurchaseWrite } from "../../core/tickets/repo.ts";
import type { Ticket } from "../../core/tickets/schemas.ts";
import type { Orm } from "../client.ts";
import { iso } from "./_list.ts";
import { ledgerCtes, type LedgerRow, ledgerTransaction, rowsOf } from "./points.ts";

/** A ticket row as `json_agg` returns it. */
interface TicketJson {
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
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * Reserves the numbers, debits the points and inserts the tickets; see
 * `TicketRepo.purchase`.
 */
export async function purchaseInOneStatement(
  orm: Orm,
  input: { drawingId: string; userId: string; quantity: number; now: Date; debit: LedgerEntry },
): Promise<PurchaseWrite> {
  const { drawingId, userId, quantity } = input;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  // One statement, so it is atomic on its own and needs no surrounding transaction.
  // Lock order as everywhere else: the drawing row (if it sells now), then the
  // user row (the conditional debit). Numbers are reserved only once the debit
  // has happened, so a refused purchase leaves no gap in the numbering.
  const result = await orm.execute(sql`WITH selling AS (
      SELECT id FROM drawings
       WHERE id = ${drawingId}::uuid AND status = 'open' AND deleted_at IS NULL
         AND ticket_sales_close > ${now}
         AND (ticket_sales_open IS NULL OR ticket_sales_open <= ${now})
         FOR UPDATE),
    ${ledgerCtes(input.debit, sql`EXISTS (SELECT 1 FROM selling)`)},
    reserved AS (
      UPDATE drawings SET total_tickets = total_tickets + ${quantity}::int
       WHERE id = ${drawingId}::uuid AND EXISTS (SELECT 1 FROM ledger_row)
      RETURNING total_tickets),
    issued AS (
      INSERT INTO tickets (drawing_id, user_id, ticket_number, purchase_transaction_id,
                           entry_type)
      SELECT ${drawingId}::uuid, ${userId}::uuid, r.total_tickets - ${quantity}::int + n,
             l.id, 'purchase'
        FROM reserved r, ledger_row l, generate_series(1, ${quantity}::int) n
      RETURNING id, drawing_id, user_id, ticket_number, entry_type, is_winner, prize_id,
                created_at)
    SELECT EXISTS (SELECT 1 FROM selling) AS selling,
           (SELECT total_tickets FROM reserved) AS total,
           (SELECT row_to_json(l) FROM ledger_row l) AS debit,
           (SELECT coalesce(json_agg(i ORDER BY i.ticket_number), '[]'::json)
              FROM issued i) AS tickets`);
  const [row] = rowsOf<
    { selling: boolean; total: number | null; debit: unknown; tickets: unknown }
  >(result);
  if (!row.selling) return { status: "closed" };
  if (row.debit === null || row.total === null) return { status: "insufficient" };
  const issued = json<TicketJson[]>(row.tickets);
  return {
    status: "done",
    first: Number(row.total) - quantity + 1,
    debit: ledgerTransaction(json<LedgerRow>(row.debit)),
    tickets: issued.map((t) => ({ ...t, created_at: iso(t.created_at)! })),
  };
}

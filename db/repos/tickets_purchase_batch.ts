/**
 * Purchases of one drawing that arrive while one of its purchase statements is
 * running wait, and then go as ONE statement: one lock of the drawing's row,
 * one commit (one WAL flush) for all of them. The drawing's row lock is what
 * orders every purchase of a drawing, so one at a time costs a statement and a
 * commit each, in series, whatever the number of buyers; a batch pays that once.
 *
 * Each purchase in a batch keeps its own outcome: its own conditional debit
 * (one buyer's refusal writes nothing for that buyer and leaves no gap in the
 * numbers), its own tickets, numbered after those of the purchases before it.
 * A batch holds one purchase per buyer and one drawing version; the others wait
 * for the next. If a batch statement fails, its purchases run one by one, so
 * one purchase's error is never another's. The row lock still orders batches
 * of several processes.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { PurchaseWrite, PurchaseWriteInput } from "../../core/tickets/repo.ts";
import type { Orm } from "../client.ts";
import { fixedStatement } from "../statement.ts";
import { iso } from "./_list.ts";
import { type LedgerRow, ledgerTransaction } from "./points.ts";
import {
  assertSpendOnDrawing,
  HELD_UP_TO,
  json,
  purchaseInOneStatement,
  type TicketJson,
} from "./tickets_purchase.ts";

/** Purchases sent in one statement at most. */
export const MAX_BATCH = 100;

/**
 * The batch statement. Lock order as in the single statement: the drawing row
 * first (`target`), then the buyers' rows, in id order (`locked`, which waits
 * for `selling`), so batches and single purchases can never deadlock. Every
 * write depends on `selling`: a closed drawing or another version writes nothing.
 */
const BATCH = fixedStatement<
  { items: string; drawing: string; now: string; version: number }
>((p) =>
  sql`WITH input AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${p.items}::jsonb)
        AS e(ord int, user_id uuid, quantity int, amount int, description text)),
    before AS MATERIALIZED (
      SELECT (SELECT total_tickets FROM drawings WHERE id = ${p.drawing}::uuid) AS seen,
             (SELECT coalesce(jsonb_object_agg(e.user_id, c.n), '{}'::jsonb)
                FROM input e CROSS JOIN LATERAL (
                  SELECT count(*)::int AS n FROM tickets t
                   WHERE t.drawing_id = ${p.drawing}::uuid AND t.user_id = e.user_id) c) AS held),
    target AS (
      SELECT id, version, total_tickets FROM drawings
       WHERE id = ${p.drawing}::uuid AND status = 'open' AND deleted_at IS NULL
         AND ticket_sales_close > ${p.now}::timestamptz
         AND (ticket_sales_open IS NULL OR ticket_sales_open <= ${p.now}::timestamptz)
         AND EXISTS (SELECT 1 FROM before)
         FOR UPDATE),
    selling AS (SELECT id FROM target WHERE version = ${p.version}::int),
    locked AS MATERIALIZED (
      SELECT id FROM users
       WHERE id IN (SELECT user_id FROM input) AND EXISTS (SELECT 1 FROM selling)
       ORDER BY id FOR NO KEY UPDATE),
    balance_move AS (
      UPDATE users u SET point_balance = u.point_balance + e.amount, updated_at = now()
        FROM input e
       WHERE u.id = e.user_id AND u.id IN (SELECT id FROM locked)
         AND u.point_balance + e.amount >= 0
      RETURNING e.ord, u.id, u.point_balance AS balance_after, e.amount, e.quantity,
                e.description),
    ledger_row AS (
      INSERT INTO point_transactions (user_id, transaction_type, amount, balance_after,
                                      reference_type, reference_id, description)
      SELECT m.id, 'spend', m.amount, m.balance_after, 'drawing', ${p.drawing}::uuid,
             m.description
        FROM balance_move m ORDER BY m.ord
      RETURNING id, user_id, transaction_type, amount, balance_after, reference_type,
                reference_id, description, created_at),
    numbered AS MATERIALIZED (
      SELECT m.ord, m.id AS user_id, m.quantity, l.id AS transaction_id,
             (sum(m.quantity) OVER (ORDER BY m.ord))::int AS upto,
             (sum(m.quantity) OVER ())::int AS sold
        FROM balance_move m JOIN ledger_row l ON l.user_id = m.id),
    reserved AS (
      UPDATE drawings SET total_tickets = total_tickets + (SELECT max(sold) FROM numbered)
       WHERE id = ${p.drawing}::uuid AND EXISTS (SELECT 1 FROM numbered)
      RETURNING total_tickets),
    issued AS (
      INSERT INTO tickets (drawing_id, user_id, ticket_number, purchase_transaction_id,
                           entry_type)
      SELECT ${p.drawing}::uuid, n.user_id, r.total_tickets - n.sold + n.upto - n.quantity + g,
             n.transaction_id, 'purchase'
        FROM reserved r, numbered n, generate_series(1, n.quantity) g
      RETURNING id, drawing_id, user_id, ticket_number, entry_type, is_winner, prize_id,
                created_at),
    issued_to AS (
      SELECT i.user_id, json_agg(i ORDER BY i.ticket_number) AS tickets
        FROM issued i GROUP BY i.user_id)
    SELECT e.ord, b.seen, (b.held ->> e.user_id::text)::int AS held,
           EXISTS (SELECT 1 FROM target) AS selling,
           EXISTS (SELECT 1 FROM selling) AS current,
           (SELECT total_tickets FROM target) AS locked,
           (SELECT total_tickets FROM reserved) - n.sold + n.upto AS last,
           row_to_json(l) AS debit, coalesce(t.tickets, '[]'::json) AS tickets
      FROM input e CROSS JOIN before b
      LEFT JOIN numbered n ON n.ord = e.ord
      LEFT JOIN ledger_row l ON l.user_id = e.user_id
      LEFT JOIN issued_to t ON t.user_id = e.user_id
     ORDER BY e.ord`
);

interface BatchRow {
  ord: number;
  seen: number | null;
  held: number | null;
  selling: boolean;
  current: boolean;
  locked: number | null;
  last: number | null;
  debit: unknown;
  tickets: unknown;
}

/** Runs `inputs` (one drawing, one version, distinct buyers) as one statement. */
export async function purchaseBatch(
  orm: Orm,
  inputs: PurchaseWriteInput[],
): Promise<PurchaseWrite[]> {
  const first = inputs[0];
  for (const input of inputs) assertSpendOnDrawing(input);
  const now = new Date(Math.max(...inputs.map((i) => i.now.getTime())));
  const rows = await BATCH.rows<BatchRow>(orm, {
    items: JSON.stringify(inputs.map((i, ord) => ({
      ord,
      user_id: i.userId,
      quantity: i.quantity,
      amount: i.debit.amount,
      description: i.debit.description,
    }))),
    drawing: first.drawingId,
    now: now.toISOString(),
    version: first.version,
  });
  return await Promise.all(rows.map(async (row): Promise<PurchaseWrite> => {
    const input = inputs[Number(row.ord)];
    if (!row.selling) return { status: "closed" };
    if (!row.current) return { status: "stale" };
    if (row.debit === null || row.last === null) return { status: "insufficient" };
    const last = Number(row.last);
    const exact = row.seen !== null && Number(row.seen) === Number(row.locked);
    const held = exact ? Number(row.held ?? 0) + input.quantity : Number(
      (await HELD_UP_TO.rows<{ n: number }>(orm, {
        drawing: input.drawingId,
        user: input.userId,
        last,
      }))[0].n,
    );
    return {
      status: "done",
      first: last - input.quantity + 1,
      debit: ledgerTransaction(json<LedgerRow>(row.debit)),
      tickets: json<TicketJson[]>(row.tickets).map((t) => ({
        ...t,
        created_at: iso(t.created_at)!,
      })),
      held,
    };
  }));
}

interface Waiting {
  input: PurchaseWriteInput;
  resolve: (write: PurchaseWrite) => void;
  reject: (error: unknown) => void;
}

/** Per drawing: the purchases waiting, and whether a statement is running. */
interface Lane {
  waiting: Waiting[];
  running: boolean;
}

/** Sends purchases one statement per drawing at a time, batching those that wait. */
export class PurchaseBatcher {
  readonly #lanes = new Map<string, Lane>();
  /** Statements sent so far (batches and single purchases), for tests and profiles. */
  statements = 0;

  constructor(private readonly orm: Orm, private readonly maxBatch = MAX_BATCH) {}

  /** Buys `input` alone or with the others of its drawing waiting at the same time. */
  purchase(input: PurchaseWriteInput): Promise<PurchaseWrite> {
    let lane = this.#lanes.get(input.drawingId);
    if (!lane) this.#lanes.set(input.drawingId, lane = { waiting: [], running: false });
    const written = new Promise<PurchaseWrite>((resolve, reject) =>
      lane.waiting.push({ input, resolve, reject })
    );
    if (!lane.running) void this.#drain(input.drawingId, lane);
    return written;
  }

  async #drain(drawingId: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.waiting.length > 0) await this.#send(this.#next(lane));
    } finally {
      lane.running = false;
      if (lane.waiting.length === 0) this.#lanes.delete(drawingId);
    }
  }

  /** The next batch: in arrival order, the first one's version, one purchase per buyer. */
  #next(lane: Lane): Waiting[] {
    const version = lane.waiting[0].input.version;
    const buyers = new Set<string>();
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of lane.waiting) {
      const fits = batch.length < this.maxBatch && w.input.version === version &&
        !buyers.has(w.input.userId);
      if (fits) {
        buyers.add(w.input.userId);
        batch.push(w);
      } else {
        rest.push(w);
      }
    }
    lane.waiting = rest;
    return batch;
  }

  async #send(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      let writes: PurchaseWrite[] | null = null;
      this.statements++;
      try {
        writes = await purchaseBatch(this.orm, batch.map((w) => w.input));
      } catch {
        // Nothing of the batch was written: each runs alone below, with its own outcome.
      }
      if (writes) {
        batch.forEach((w, i) => w.resolve(writes[i]));
        return;
      }
    }
    for (const w of batch) {
      this.statements++;
      try {
        w.resolve(await purchaseInOneStatement(this.orm, w.input));
      } catch (error) {
        w.reject(error);
      }
    }
  }
}

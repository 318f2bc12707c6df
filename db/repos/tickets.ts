import { and, count, eq, gt, inArray, is, isNull, lte, or, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type {
  Entrant,
  PurchaseWrite,
  PurchaseWriteInput,
  SaleTerms,
  StoredResponse,
  TicketLeafRow,
  TicketRepo,
  WinnerRow,
} from "../../core/tickets/repo.ts";
import type { EntryType, Ticket, TicketFilter, TicketSort } from "../../core/tickets/schemas.ts";
import type { Orm } from "../client.ts";
import { fixedStatement } from "../statement.ts";
import {
  drawings,
  idempotencyKeys,
  pointTransactions,
  prizeFulfillments,
  prizes,
  profiles,
  tickets,
  users,
} from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";
import { purchaseInOneStatement } from "./tickets_purchase.ts";
import { PurchaseBatcher } from "./tickets_purchase_batch.ts";
import { EntrantLoader, readEntrant } from "./tickets_entrants.ts";

type Row = typeof tickets.$inferSelect;

function toTicket(row: Row): Ticket {
  return {
    id: row.id,
    drawing_id: row.drawingId,
    user_id: row.userId,
    ticket_number: row.ticketNumber,
    entry_type: row.entryType,
    is_winner: row.isWinner,
    prize_id: row.prizeId,
    created_at: iso(row.createdAt)!,
  };
}

/** What a purchase relies on from its drawing (read on every uncached purchase). */
const SALE_TERMS = fixedStatement<{ drawing: string }>((p) =>
  sql`SELECT id, name, drawing_type, ticket_cost_points, eligibility, status,
             ticket_sales_open, ticket_sales_close, version
        FROM drawings WHERE id = ${p.drawing}::uuid AND deleted_at IS NULL`
);

type SaleTermsRow = Omit<SaleTerms, "ticket_sales_open" | "ticket_sales_close" | "eligibility"> & {
  ticket_sales_open: Date | string | null;
  ticket_sales_close: Date | string;
  eligibility: unknown;
};

const SORT_COLUMNS = { created_at: tickets.createdAt, ticket_number: tickets.ticketNumber };

export class DrizzleTicketRepo implements TicketRepo {
  /** Outside a transaction, purchases of one drawing that wait go together ({@link PurchaseBatcher}). */
  readonly #batcher: PurchaseBatcher | null;
  /** Outside a transaction, entrant reads asked at the same time go together ({@link EntrantLoader}). */
  readonly #entrants: EntrantLoader | null;

  constructor(private readonly orm: Orm) {
    const shared = !is(orm, PgTransaction);
    this.#batcher = shared ? new PurchaseBatcher(orm) : null;
    this.#entrants = shared ? new EntrantLoader(orm) : null;
  }

  entrant(userId: string): Promise<Entrant | null> {
    return this.#entrants?.load(userId) ?? readEntrant(this.orm, userId);
  }

  async saleTerms(drawingId: string): Promise<SaleTerms | null> {
    const [row] = await SALE_TERMS.rows<SaleTermsRow>(this.orm, { drawing: drawingId });
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      drawing_type: row.drawing_type,
      ticket_cost_points: Number(row.ticket_cost_points),
      eligibility: typeof row.eligibility === "string"
        ? JSON.parse(row.eligibility)
        : row.eligibility,
      status: row.status,
      ticket_sales_open: iso(row.ticket_sales_open),
      ticket_sales_close: iso(row.ticket_sales_close)!,
      version: Number(row.version),
    };
  }

  async reserveNumbers(drawingId: string, quantity: number, now: Date): Promise<number | null> {
    const [row] = await this.orm.update(drawings).set({
      totalTickets: sql`${drawings.totalTickets} + ${quantity}`,
    }).where(and(
      eq(drawings.id, drawingId),
      eq(drawings.status, "open"),
      sql`${drawings.deletedAt} IS NULL`,
      gt(drawings.ticketSalesClose, now),
      or(isNull(drawings.ticketSalesOpen), lte(drawings.ticketSalesOpen, now)),
    )).returning({ total: drawings.totalTickets });
    return row?.total ?? null;
  }

  async insert(input: {
    drawingId: string;
    userId: string;
    first: number;
    quantity: number;
    entryType: EntryType;
    transactionId: string | null;
  }): Promise<Ticket[]> {
    const rows = await this.orm.insert(tickets).values(
      Array.from({ length: input.quantity }, (_, i) => ({
        drawingId: input.drawingId,
        userId: input.userId,
        ticketNumber: input.first + i,
        purchaseTransactionId: input.transactionId,
        entryType: input.entryType,
      })),
    ).returning();
    return rows.map(toTicket).sort((a, b) => a.ticket_number - b.ticket_number);
  }

  purchase(input: PurchaseWriteInput): Promise<PurchaseWrite> {
    return this.#batcher?.purchase(input) ?? purchaseInOneStatement(this.orm, input);
  }

  async count(
    drawingId: string,
    userId: string,
    entryTypes?: readonly EntryType[],
  ): Promise<number> {
    const [row] = await this.orm.select({ n: count() }).from(tickets).where(and(
      eq(tickets.drawingId, drawingId),
      eq(tickets.userId, userId),
      entryTypes ? inArray(tickets.entryType, [...entryTypes]) : undefined,
    ));
    return Number(row.n);
  }

  list(userId: string, query: ListQuery<TicketSort, TicketFilter>): Promise<Page<Ticket>> {
    const f = query.filters;
    const where = and(
      eq(tickets.userId, userId),
      f.drawing_id ? eq(tickets.drawingId, f.drawing_id) : undefined,
      f.entry_type ? eq(tickets.entryType, f.entry_type as EntryType) : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, tickets.id);
    return pageFrom({
      orm: this.orm,
      table: tickets,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(tickets).where(where).orderBy(...order).limit(limit).offset(offset),
      map: toTicket,
    });
  }

  async leaves(
    drawingId: string,
    range?: { offset: number; limit: number },
  ): Promise<TicketLeafRow[]> {
    const query = this.orm.select({
      id: tickets.id,
      ticket_number: tickets.ticketNumber,
      user_id: tickets.userId,
    }).from(tickets).where(eq(tickets.drawingId, drawingId)).orderBy(tickets.ticketNumber);
    return range ? await query.limit(range.limit).offset(range.offset) : await query;
  }

  async holders(drawingId: string): Promise<{ user_id: string; email: string; tickets: number }[]> {
    const rows = await this.orm.select({
      user_id: tickets.userId,
      email: users.email,
      tickets: count(),
    }).from(tickets).innerJoin(users, eq(users.id, tickets.userId))
      .where(eq(tickets.drawingId, drawingId)).groupBy(tickets.userId, users.email);
    return rows.map((r) => ({ ...r, tickets: Number(r.tickets) }));
  }

  async spentOn(drawingId: string): Promise<{ user_id: string; points: number }[]> {
    const rows = await this.orm.select({
      user_id: pointTransactions.userId,
      points: sql<string>`-sum(${pointTransactions.amount})`,
    }).from(pointTransactions).where(and(
      eq(pointTransactions.referenceType, "drawing"),
      eq(pointTransactions.referenceId, drawingId),
      inArray(pointTransactions.transactionType, ["spend", "refund"]),
    )).groupBy(pointTransactions.userId);
    return rows.map((r) => ({ user_id: r.user_id, points: Number(r.points) }))
      .filter((r) => r.points > 0);
  }

  async markWinner(ticketId: string, prizeId: string | null): Promise<void> {
    await this.orm.update(tickets).set({ isWinner: prizeId !== null, prizeId })
      .where(eq(tickets.id, ticketId));
  }

  async ownerOf(ticketId: string): Promise<string | null> {
    const [row] = await this.orm.select({ userId: tickets.userId }).from(tickets)
      .where(eq(tickets.id, ticketId));
    return row?.userId ?? null;
  }

  async winners(drawingId: string): Promise<WinnerRow[]> {
    const rows = await this.orm.select({
      ticket_id: tickets.id,
      ticket_number: tickets.ticketNumber,
      user_id: tickets.userId,
      display_name: profiles.displayName,
      prize_rank: prizes.rank,
      prize_name: prizes.name,
      prize_value_usd: prizes.valueUsd,
      fulfillment_type: prizes.fulfillmentType,
      fulfillment_id: prizeFulfillments.id,
      fulfillment_status: prizeFulfillments.status,
    }).from(tickets)
      .innerJoin(prizes, eq(prizes.id, tickets.prizeId))
      .leftJoin(profiles, eq(profiles.userId, tickets.userId))
      .leftJoin(prizeFulfillments, eq(prizeFulfillments.ticketId, tickets.id))
      .where(and(eq(tickets.drawingId, drawingId), eq(tickets.isWinner, true)))
      .orderBy(prizes.rank, tickets.ticketNumber);
    return rows.map((r) => ({ ...r, prize_value_usd: Number(r.prize_value_usd) }));
  }

  async claimIdempotency(
    userId: string,
    key: string,
    fingerprint: string,
  ): Promise<StoredResponse | null> {
    // A concurrent holder of the same key makes this INSERT wait for its commit
    // (then it conflicts and we replay) or rollback (then we claim it).
    const claimed = await this.orm.insert(idempotencyKeys).values({ userId, key, fingerprint })
      .onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 1) return null;
    const [row] = await this.orm.select().from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) };
  }

  async storeIdempotent(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.orm.update(idempotencyKeys).set({ status, body: JSON.stringify(body) })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  }
}

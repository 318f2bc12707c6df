import type { ListQuery, Page } from "../pagination.ts";
import type { LedgerEntry } from "../points/repo.ts";
import type { PointTransaction } from "../points/schemas.ts";
import type { Drawing } from "../drawings/schemas.ts";
import type { EntryType, Ticket, TicketFilter, TicketSort } from "./schemas.ts";

/** What eligibility needs to know about the person entering. */
export interface Entrant {
  id: string;
  email: string;
  display_name: string | null;
  role: "user" | "premium" | "admin";
  status: string;
  created_at: string;
  state: string | null;
  date_of_birth: string | null;
  tier_code: string | null;
}

/** A ticket as the draw sees it. */
export interface TicketLeafRow {
  id: string;
  ticket_number: number;
  user_id: string;
}

/** The stored outcome of a request sent with an Idempotency-Key. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** A winning ticket with its prize and fulfillment, for the published results. */
export interface WinnerRow {
  ticket_id: string;
  ticket_number: number;
  user_id: string;
  display_name: string | null;
  prize_rank: number;
  prize_name: string;
  prize_value_usd: number;
  fulfillment_type: "digital" | "physical";
  fulfillment_id: string | null;
  fulfillment_status: string | null;
}

/**
 * What a paid entry relies on from its drawing. `version` changes with every
 * edit of the drawing (status, cost, name, eligibility, sales window), so a
 * copy whose version still matches under the row lock is still true.
 */
export type SaleTerms = Pick<
  Drawing,
  | "id"
  | "name"
  | "drawing_type"
  | "ticket_cost_points"
  | "eligibility"
  | "status"
  | "ticket_sales_open"
  | "ticket_sales_close"
  | "version"
>;

/** What {@link TicketRepo.purchase} did. */
export type PurchaseWrite =
  /** The drawing does not sell at `now`: nothing was written. */
  | { status: "closed" }
  /** The drawing sells, but its version is no longer the one given: nothing was written. */
  | { status: "stale" }
  /** The balance does not cover the debit: nothing was written (no number was reserved). */
  | { status: "insufficient" }
  | {
    status: "done";
    first: number;
    debit: PointTransaction;
    tickets: Ticket[];
    /** The buyer's tickets in the drawing numbered up to the last one issued (these included). */
    held: number;
  };

/** What {@link TicketRepo.purchase} is given. */
export interface PurchaseWriteInput {
  drawingId: string;
  userId: string;
  quantity: number;
  now: Date;
  /** The drawing version the caller checked the sale terms against. */
  version: number;
  debit: LedgerEntry;
}

export interface TicketRepo {
  entrant(userId: string): Promise<Entrant | null>;
  /** The drawing's {@link SaleTerms}, or null when there is no such drawing (or it is deleted). */
  saleTerms(drawingId: string): Promise<SaleTerms | null>;
  /**
   * Adds `quantity` to the drawing's ticket count when its sales are open at
   * `now`, holding the row lock to commit; returns the new count, or null when
   * the drawing is not selling.
   */
  reserveNumbers(drawingId: string, quantity: number, now: Date): Promise<number | null>;
  /** Inserts tickets numbered `first..first+quantity-1`. */
  insert(input: {
    drawingId: string;
    userId: string;
    first: number;
    quantity: number;
    entryType: EntryType;
    transactionId: string | null;
  }): Promise<Ticket[]>;
  /**
   * A paid entry in one statement: reserves `quantity` numbers when the
   * drawing sells at `now` and its version is still `version` (its row stays
   * locked until commit; it is locked before the user row), appends `debit`
   * (a spend on the drawing) only if the balance covers it, and inserts the
   * tickets, numbered gaplessly and linked to the debit. The statement (and
   * its commit) may be shared with other purchases of the same drawing made at
   * the same time; each keeps its own outcome, and its debit, tickets and the
   * drawing's count still commit together.
   */
  purchase(input: PurchaseWriteInput): Promise<PurchaseWrite>;
  count(drawingId: string, userId: string, entryTypes?: readonly EntryType[]): Promise<number>;
  list(userId: string, query: ListQuery<TicketSort, TicketFilter>): Promise<Page<Ticket>>;
  /** The drawing's tickets by number (the canonical list), or the slice `range` of it. */
  leaves(drawingId: string, range?: { offset: number; limit: number }): Promise<TicketLeafRow[]>;
  /** Ticket holders of a drawing with how many tickets each and what they paid. */
  holders(drawingId: string): Promise<{ user_id: string; email: string; tickets: number }[]>;
  /** Points each holder spent on a drawing (net of earlier refunds). */
  spentOn(drawingId: string): Promise<{ user_id: string; points: number }[]>;
  markWinner(ticketId: string, prizeId: string | null): Promise<void>;
  /** Who holds ticket `ticketId`. */
  ownerOf(ticketId: string): Promise<string | null>;
  /** The drawing's winning tickets, by prize rank then ticket number. */
  winners(drawingId: string): Promise<WinnerRow[]>;
  /**
   * Claims `key` for `userId`; waits while another transaction holds the same
   * key. Null when claimed, else what the first request stored.
   */
  claimIdempotency(
    userId: string,
    key: string,
    fingerprint: string,
  ): Promise<StoredResponse | null>;
  storeIdempotent(userId: string, key: string, status: number, body: unknown): Promise<void>;
}

import type { ListQuery, Page } from "../pagination.ts";
import type {
  Fulfillment,
  FulfillmentFilter,
  FulfillmentSort,
  FulfillmentStatus,
  ShippingAddress,
} from "./schemas.ts";

export interface NewFulfillment {
  ticket_id: string;
  prize_id: string;
  user_id: string;
  drawing_id: string;
  candidate_position: number;
  status: FulfillmentStatus;
  needs_tax_form: boolean;
  notified_at: Date;
  delivered_at?: Date;
}

export interface FulfillmentPatch {
  status?: FulfillmentStatus;
  shipping_address?: ShippingAddress;
  carrier?: string;
  tracking_number?: string;
  notes?: string;
  forfeit_reason?: string;
  address_confirmed_at?: Date;
  shipped_at?: Date;
  delivered_at?: Date;
  forfeited_at?: Date;
  reminder_sent_at?: Date;
}

export interface FulfillmentRepo {
  insert(input: NewFulfillment): Promise<Fulfillment>;
  findById(id: string): Promise<Fulfillment | null>;
  /**
   * Applies `patch` only while the row is in one of `from`; null when it is
   * not (someone else moved it first), so each transition happens once.
   */
  transition(
    id: string,
    from: readonly FulfillmentStatus[],
    patch: FulfillmentPatch,
  ): Promise<Fulfillment | null>;
  list(query: ListQuery<FulfillmentSort, FulfillmentFilter>): Promise<Page<Fulfillment>>;
  /** Fulfillments still `winner_notified` and notified at or before `before`. */
  awaitingSince(before: Date, opts: { reminded: boolean }, limit: number): Promise<Fulfillment[]>;
  /**
   * Sets the tax form received (by `actorId`, at `at`) on a fulfillment that
   * needs one and has none yet; null otherwise.
   */
  recordTaxForm(id: string, actorId: string, at: Date): Promise<Fulfillment | null>;
  /** USD value of prizes `userId` holds (not forfeited) from drawings in `year`. */
  yearValue(userId: string, year: number): Promise<number>;
}

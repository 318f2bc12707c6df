/**
 * Prize fulfillment: the workflow's states, the shapes the API answers, and
 * the US shipping address a physical prize needs.
 *
 * @module
 */
import { z } from "zod";
import type { ListSpec } from "../pagination.ts";
import { US_STATES } from "../users/schemas.ts";

export const FULFILLMENT_STATUSES = [
  "pending",
  "winner_notified",
  "address_confirmed",
  "shipped",
  "delivered",
  "forfeited",
] as const;
export type FulfillmentStatus = typeof FULFILLMENT_STATUSES[number];

/** Days after notification before the reminder mail, and before forfeiture. */
export const REMINDER_AFTER_DAYS = 7;
export const FORFEIT_AFTER_DAYS = 14;
/**
 * IRS reporting threshold (Form 1099-MISC box 3) for one winner's prizes in a
 * calendar year, USD: $600 through 2025, $2,000 from 2026 (inflation-indexed
 * from 2027; update the table when the IRS publishes the figure).
 */
export function taxFormThresholdUsd(year: number): number {
  return year <= 2025 ? 600 : 2000;
}

export const ShippingAddressSchema = z.object({
  name: z.string().trim().min(2, "must be at least 2 characters").max(100),
  line1: z.string().trim().min(3, "must be at least 3 characters").max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(2, "must be at least 2 characters").max(100),
  state: z.enum(US_STATES, { message: "must be a US state code such as CA" }),
  zip: z.string().regex(/^\d{5}(-\d{4})?$/, "must be a US ZIP code (12345 or 12345-6789)"),
  phone: z.string().regex(/^[0-9+() .-]{7,20}$/, "must be a phone number").optional(),
}).strict();
export type ShippingAddress = z.infer<typeof ShippingAddressSchema>;

export const FulfillmentSchema = z.object({
  id: z.uuid(),
  drawing_id: z.uuid().nullable(),
  ticket_id: z.uuid(),
  ticket_number: z.number().int(),
  user_id: z.uuid(),
  winner_display_name: z.string().nullable(),
  prize: z.object({
    id: z.uuid(),
    rank: z.number().int(),
    name: z.string(),
    value_usd: z.number(),
    fulfillment_type: z.enum(["digital", "physical"]),
  }),
  status: z.enum(FULFILLMENT_STATUSES),
  shipping_address: ShippingAddressSchema.nullable(),
  carrier: z.string().nullable(),
  tracking_number: z.string().nullable(),
  notes: z.string().nullable(),
  /** The winner's prizes this year reach the IRS threshold: a W-9 is needed before fulfillment. */
  needs_tax_form: z.boolean(),
  /** When an admin recorded the W-9 as received, and who (the form itself is not stored here). */
  tax_form_received_at: z.string().nullable(),
  tax_form_recorded_by: z.uuid().nullable(),
  forfeit_reason: z.string().nullable(),
  candidate_position: z.number().int().nullable(),
  notified_at: z.string().nullable(),
  reminder_sent_at: z.string().nullable(),
  address_confirmed_at: z.string().nullable(),
  shipped_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  forfeited_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
});
export type Fulfillment = z.infer<typeof FulfillmentSchema>;

export const ShipInputSchema = z.object({
  carrier: z.string().trim().min(2).max(50),
  tracking_number: z.string().trim().regex(
    /^[A-Za-z0-9-]{6,40}$/,
    "must be 6-40 letters, digits or dashes",
  ),
}).strict();
export type ShipInput = z.infer<typeof ShipInputSchema>;

export const FORFEIT_REASONS = [
  "no_response",
  "ineligible",
  "declined",
  "undeliverable",
  "rules_violation",
] as const;

export const ForfeitInputSchema = z.object({
  reason: z.enum(FORFEIT_REASONS, { message: `must be one of ${FORFEIT_REASONS.join(", ")}` }),
  note: z.string().max(1000).optional(),
}).strict();

export const AdminFulfillmentUpdateSchema = z.object({
  status: z.enum(["delivered", "forfeited"]),
  reason: z.enum(FORFEIT_REASONS).optional(),
  notes: z.string().max(1000).optional(),
}).strict();

export const FULFILLMENT_SORTS = ["created_at", "updated_at", "status"] as const;
export const FULFILLMENT_FILTERS = ["status", "drawing_id", "user_id"] as const;
export type FulfillmentSort = typeof FULFILLMENT_SORTS[number];
export type FulfillmentFilter = typeof FULFILLMENT_FILTERS[number];

export const FULFILLMENT_LIST_SPEC: ListSpec<FulfillmentSort, FulfillmentFilter> = {
  sortable: FULFILLMENT_SORTS,
  defaultSort: [{ field: "created_at", direction: "desc" }],
  filters: {
    status: z.enum(FULFILLMENT_STATUSES, {
      message: `must be one of ${FULFILLMENT_STATUSES.join(", ")}`,
    }),
    drawing_id: z.uuid({ message: "must be a UUID" }),
    user_id: z.uuid({ message: "must be a UUID" }),
  },
};

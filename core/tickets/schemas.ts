/**
 * Tickets: what a purchase accepts and answers, the caller's ticket list, and
 * the odds shown on a drawing.
 *
 * @module
 */
import { z } from "zod";
import type { ListSpec } from "../pagination.ts";

/** Most tickets one purchase may buy. */
export const MAX_TICKETS_PER_PURCHASE = 100;

export const ENTRY_TYPES = ["purchase", "free", "mail"] as const;
export type EntryType = typeof ENTRY_TYPES[number];

export const PurchaseInputSchema = z.object({
  quantity: z.number({ message: "must be a whole number" }).int("must be a whole number")
    .min(1, "must be at least 1").max(
      MAX_TICKETS_PER_PURCHASE,
      `must be at most ${MAX_TICKETS_PER_PURCHASE}`,
    ),
}).strict();
export type PurchaseInput = z.infer<typeof PurchaseInputSchema>;

export const TicketSchema = z.object({
  id: z.uuid(),
  drawing_id: z.uuid(),
  user_id: z.uuid(),
  ticket_number: z.number().int(),
  entry_type: z.enum(ENTRY_TYPES),
  is_winner: z.boolean(),
  prize_id: z.uuid().nullable(),
  created_at: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const OddsSchema = z.object({
  total_tickets: z.number().int(),
  your_tickets: z.number().int(),
  /** The caller's chance of the top prize now, e.g. "1 in 101"; null with no tickets. */
  your_odds: z.string().nullable(),
  /** The chance one more ticket would give, e.g. "1 in 1001". */
  next_ticket_odds: z.string(),
});
export type Odds = z.infer<typeof OddsSchema>;

export const PurchaseResultSchema = z.object({
  drawing_id: z.uuid(),
  quantity: z.number().int(),
  first_ticket_number: z.number().int(),
  last_ticket_number: z.number().int(),
  points_spent: z.number().int(),
  point_balance: z.number().int(),
  transaction_id: z.uuid().nullable(),
  tickets: z.array(TicketSchema),
  odds: OddsSchema,
});
export type PurchaseResult = z.infer<typeof PurchaseResultSchema>;

export const FreeEntryInputSchema = z.object({
  quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(100)
    .default(1),
}).strict();

export const MailEntryInputSchema = z.object({
  user_id: z.uuid(),
  quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(100)
    .default(1),
  note: z.string().max(500).optional(),
}).strict();
export type MailEntryInput = z.infer<typeof MailEntryInputSchema>;

export const TICKET_SORTS = ["created_at", "ticket_number"] as const;
export const TICKET_FILTERS = ["drawing_id", "entry_type"] as const;
export type TicketSort = typeof TICKET_SORTS[number];
export type TicketFilter = typeof TICKET_FILTERS[number];

export const TICKET_LIST_SPEC: ListSpec<TicketSort, TicketFilter> = {
  sortable: TICKET_SORTS,
  defaultSort: [{ field: "created_at", direction: "desc" }],
  filters: {
    drawing_id: z.uuid({ message: "must be a UUID" }),
    entry_type: z.enum(ENTRY_TYPES, { message: `must be one of ${ENTRY_TYPES.join(", ")}` }),
  },
};

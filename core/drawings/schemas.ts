import { z } from "zod";
import type { ListSpec } from "../pagination.ts";

export const DRAWING_TYPES = ["daily", "weekly", "monthly", "annual"] as const;
export const DRAWING_STATUSES = [
  "draft",
  "scheduled",
  "open",
  "closed",
  "completed",
  "cancelled",
] as const;
export type DrawingStatus = typeof DRAWING_STATUSES[number];

export const PrizeSchema = z.object({
  id: z.uuid(),
  drawing_id: z.uuid(),
  sponsor_id: z.uuid().nullable(),
  rank: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  value_usd: z.number(),
  quantity: z.number().int(),
  fulfillment_type: z.enum(["digital", "physical"]),
  image_url: z.string().nullable(),
});
export type Prize = z.infer<typeof PrizeSchema>;

export const DrawingSchema = z.object({
  id: z.uuid(),
  drawing_type: z.enum(DRAWING_TYPES),
  name: z.string(),
  description: z.string().nullable(),
  ticket_cost_points: z.number().int(),
  drawing_time: z.string(),
  ticket_sales_close: z.string(),
  eligibility: z.record(z.string(), z.unknown()),
  status: z.enum(DRAWING_STATUSES),
  total_tickets: z.number().int(),
  random_seed: z.string().nullable(),
  winner_selected_at: z.string().nullable(),
  created_by: z.uuid().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
  version: z.number().int(),
  prizes: z.array(PrizeSchema),
  ticket_sales_open: z.string().nullable(),
  per_user_cap: z.number().int(),
  free_entries_per_user: z.number().int(),
  rules_text: z.string().nullable(),
  /** SHA-256 (hex) of `rules_text`, pinned when the drawing is created or its rules change. */
  rules_sha256: z.string().nullable(),
  /** fitdraw-v1 commitment `C = SHA-256(S)`, published when the drawing is scheduled. */
  commitment: z.string().nullable(),
  /** Merkle root of the ticket list, frozen at close. */
  merkle_root: z.string().nullable(),
  frozen_ticket_count: z.number().int().nullable(),
  closed_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  /** fitdraw-v1 with a drand beacon: the quicknet round `R` is pinned when scheduled. */
  use_beacon: z.boolean(),
  beacon_round: z.number().int().nullable(),
  /** The recurring-drawing template that created it, and the period it belongs to. */
  template_id: z.uuid().nullable(),
  period_start: z.string().nullable(),
});
export type Drawing = z.infer<typeof DrawingSchema>;

export const PrizeInputSchema = z.object({
  rank: z.number().int().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  value_usd: z.number().min(0).max(1_000_000),
  quantity: z.number().int().min(1).max(1000).default(1),
  fulfillment_type: z.enum(["digital", "physical"]).default("physical"),
  sponsor_id: z.uuid().nullable().optional(),
  image_url: z.url().nullable().optional(),
}).strict();
export type PrizeInput = z.infer<typeof PrizeInputSchema>;

export const EligibilitySchema = z.object({
  /** "all" (default), or only "premium" members. */
  user_type: z.enum(["all", "premium"]).optional(),
  min_account_age_days: z.number().int().min(0).max(3650).optional(),
  /** When given, only residents of these states may enter. */
  states: z.array(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter state code")).optional(),
  tiers: z.array(z.string()).max(31).optional(),
  roles: z.array(z.enum(["user", "premium", "admin"])).optional(),
  excluded_states: z.array(z.string().length(2)).optional(),
}).strict();

const drawingFields = {
  drawing_type: z.enum(DRAWING_TYPES),
  name: z.string().trim().min(3).max(200),
  description: z.string().max(5000).nullable().optional(),
  ticket_cost_points: z.number().int().min(1).max(1_000_000),
  drawing_time: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
  ticket_sales_close: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
  eligibility: EligibilitySchema.default({}),
  ticket_sales_open: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" })
    .nullable().optional(),
  /** Prizes one person may win in this drawing (default 1). */
  per_user_cap: z.number().int().min(1).max(100).optional(),
  /** Free (AMOE) entries per person (default 1). */
  free_entries_per_user: z.number().int().min(0).max(100).optional(),
  rules_text: z.string().max(100_000).nullable().optional(),
  /** Mix a drand quicknet round into the key (needs DRAND_URL when scheduled). */
  use_beacon: z.boolean().optional(),
};

export const CreateDrawingSchema = z.object({
  ...drawingFields,
  prizes: z.array(PrizeInputSchema).max(50).default([]),
}).strict().refine((d) => Date.parse(d.ticket_sales_close) <= Date.parse(d.drawing_time), {
  path: ["ticket_sales_close"],
  message: "Sales close time must be before drawing time",
}).refine(
  (d) => !d.ticket_sales_open || Date.parse(d.ticket_sales_open) < Date.parse(d.ticket_sales_close),
  { path: ["ticket_sales_open"], message: "must be before ticket_sales_close" },
);
export type CreateDrawingInput = z.infer<typeof CreateDrawingSchema>;

export const UpdateDrawingSchema = z.object({
  name: drawingFields.name.optional(),
  description: drawingFields.description,
  ticket_cost_points: drawingFields.ticket_cost_points.optional(),
  drawing_time: drawingFields.drawing_time.optional(),
  ticket_sales_close: drawingFields.ticket_sales_close.optional(),
  eligibility: EligibilitySchema.optional(),
  ticket_sales_open: drawingFields.ticket_sales_open,
  per_user_cap: z.number().int().min(1).max(100).optional(),
  free_entries_per_user: z.number().int().min(0).max(100).optional(),
  rules_text: drawingFields.rules_text,
  use_beacon: drawingFields.use_beacon,
  status: z.enum(DRAWING_STATUSES).optional(),
  version: z.number().int().positive().optional(),
}).strict().refine((v) => Object.keys(v).some((k) => k !== "version"), {
  message: "must change at least one field",
});
export type UpdateDrawingInput = z.infer<typeof UpdateDrawingSchema>;

export const DRAWING_SORTS = ["drawing_time", "created_at", "ticket_cost_points", "name"] as const;
export const DRAWING_FILTERS = ["status", "drawing_type"] as const;
export type DrawingSort = typeof DRAWING_SORTS[number];
export type DrawingFilter = typeof DRAWING_FILTERS[number];

export const DRAWING_LIST_SPEC: ListSpec<DrawingSort, DrawingFilter> = {
  sortable: DRAWING_SORTS,
  defaultSort: [{ field: "drawing_time", direction: "asc" }],
  filters: {
    status: z.enum(DRAWING_STATUSES, { message: `must be one of ${DRAWING_STATUSES.join(", ")}` }),
    drawing_type: z.enum(DRAWING_TYPES, { message: `must be one of ${DRAWING_TYPES.join(", ")}` }),
  },
};

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
  min_account_age_days: z.number().int().min(0).max(3650).optional(),
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
};

export const CreateDrawingSchema = z.object({
  ...drawingFields,
  prizes: z.array(PrizeInputSchema).max(50).default([]),
}).strict().refine((d) => Date.parse(d.ticket_sales_close) <= Date.parse(d.drawing_time), {
  path: ["ticket_sales_close"],
  message: "must not be after drawing_time",
});
export type CreateDrawingInput = z.infer<typeof CreateDrawingSchema>;

export const UpdateDrawingSchema = z.object({
  name: drawingFields.name.optional(),
  description: drawingFields.description,
  ticket_cost_points: drawingFields.ticket_cost_points.optional(),
  drawing_time: drawingFields.drawing_time.optional(),
  ticket_sales_close: drawingFields.ticket_sales_close.optional(),
  eligibility: EligibilitySchema.optional(),
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

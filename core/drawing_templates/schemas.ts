/**
 * Recurring drawings: a template describes each period's drawing (daily,
 * weekly or monthly in the platform zone) and when its sales open and close
 * and it is drawn, relative to the period.
 *
 * @module
 */
import { z } from "zod";
import type { ListSpec } from "../pagination.ts";
import { EligibilitySchema, PrizeInputSchema } from "../drawings/schemas.ts";

export const TEMPLATE_TYPES = ["daily", "weekly", "monthly"] as const;
export type TemplateType = typeof TEMPLATE_TYPES[number];

/**
 * Minutes in the shortest period of each type (a 23-hour DST day, a week or
 * 28-day month losing an hour): the sales window must fit in every period.
 */
export const SHORTEST_PERIOD_MINUTES: Record<TemplateType, number> = {
  daily: 23 * 60,
  weekly: 7 * 24 * 60 - 60,
  monthly: 28 * 24 * 60 - 60,
};

/** Each field's type, without defaults (an update must leave unsent fields alone). */
const templateFieldTypes = {
  drawing_type: z.enum(TEMPLATE_TYPES),
  /** `{date}` = first day of the period (YYYY-MM-DD), `{month}` = YYYY-MM, `{year}` = YYYY. */
  name_pattern: z.string().trim().min(3).max(180),
  description: z.string().max(5000).nullable(),
  ticket_cost_points: z.number().int().min(1).max(1_000_000),
  prizes: z.array(PrizeInputSchema).max(50),
  eligibility: EligibilitySchema,
  rules_text: z.string().max(100_000).nullable(),
  per_user_cap: z.number().int().min(1).max(100),
  free_entries_per_user: z.number().int().min(0).max(100),
  use_beacon: z.boolean(),
  /** Sales open this many minutes after the period starts. */
  sales_open_minutes: z.number().int().min(0).max(SHORTEST_PERIOD_MINUTES.monthly),
  /** Sales close this many minutes before the period ends. */
  sales_close_minutes_before_end: z.number().int().min(0).max(SHORTEST_PERIOD_MINUTES.monthly),
  /** The drawing runs this many minutes after the period ends (at most a week). */
  drawing_minutes_after_end: z.number().int().min(0).max(7 * 24 * 60),
  active: z.boolean(),
};

/** A new template: the same fields, with defaults for the ones that have one. */
const templateFields = {
  ...templateFieldTypes,
  description: templateFieldTypes.description.optional(),
  prizes: templateFieldTypes.prizes.default([]),
  eligibility: templateFieldTypes.eligibility.default({}),
  rules_text: templateFieldTypes.rules_text.optional(),
  per_user_cap: templateFieldTypes.per_user_cap.default(1),
  free_entries_per_user: templateFieldTypes.free_entries_per_user.default(1),
  use_beacon: templateFieldTypes.use_beacon.default(false),
  sales_open_minutes: templateFieldTypes.sales_open_minutes.default(0),
  sales_close_minutes_before_end: templateFieldTypes.sales_close_minutes_before_end.default(0),
  drawing_minutes_after_end: templateFieldTypes.drawing_minutes_after_end.default(0),
  active: templateFieldTypes.active.default(true),
};

/** The sales window problem of a template's timing, if any (field and message). */
export function salesWindowProblem(
  t: {
    drawing_type: TemplateType;
    sales_open_minutes: number;
    sales_close_minutes_before_end: number;
  },
): { field: string; message: string } | null {
  const shortest = SHORTEST_PERIOD_MINUTES[t.drawing_type];
  if (t.sales_open_minutes + t.sales_close_minutes_before_end < shortest) return null;
  return {
    field: "sales_close_minutes_before_end",
    message: `leaves no sales window: sales_open_minutes + sales_close_minutes_before_end ` +
      `must be under ${shortest} for a ${t.drawing_type} template`,
  };
}

export const CreateTemplateSchema = z.object(templateFields).strict().superRefine((t, ctx) => {
  const problem = salesWindowProblem(t);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
});
export type CreateTemplateInput = z.infer<typeof CreateTemplateSchema>;

export const UpdateTemplateSchema = z.object({
  ...z.object(templateFieldTypes).partial().shape,
  version: z.number().int().positive().optional(),
}).strict().refine((v) => Object.keys(v).some((k) => k !== "version"), {
  message: "must change at least one field",
});
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateSchema>;

export const DrawingTemplateSchema = z.object({
  id: z.uuid(),
  drawing_type: z.enum(TEMPLATE_TYPES),
  name_pattern: z.string(),
  description: z.string().nullable(),
  ticket_cost_points: z.number().int(),
  prizes: z.array(PrizeInputSchema),
  eligibility: EligibilitySchema,
  rules_text: z.string().nullable(),
  per_user_cap: z.number().int(),
  free_entries_per_user: z.number().int(),
  use_beacon: z.boolean(),
  sales_open_minutes: z.number().int(),
  sales_close_minutes_before_end: z.number().int(),
  drawing_minutes_after_end: z.number().int(),
  active: z.boolean(),
  created_by: z.uuid().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
});
export type DrawingTemplate = z.infer<typeof DrawingTemplateSchema>;

export const TEMPLATE_SORTS = ["created_at", "name_pattern", "drawing_type"] as const;
export const TEMPLATE_FILTERS = ["drawing_type", "active"] as const;
export type TemplateSort = typeof TEMPLATE_SORTS[number];
export type TemplateFilter = typeof TEMPLATE_FILTERS[number];

export const TEMPLATE_LIST_SPEC: ListSpec<TemplateSort, TemplateFilter> = {
  sortable: TEMPLATE_SORTS,
  defaultSort: [{ field: "created_at", direction: "asc" }],
  filters: {
    drawing_type: z.enum(TEMPLATE_TYPES, {
      message: `must be one of ${TEMPLATE_TYPES.join(", ")}`,
    }),
    active: z.enum(["true", "false"], { message: "must be true or false" }),
  },
};

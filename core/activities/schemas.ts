import { z } from "zod";
import type { ListSpec } from "../pagination.ts";

export const ACTIVITY_TYPES = ["steps", "workout", "active_minutes"] as const;
export const INTENSITIES = ["light", "moderate", "vigorous"] as const;

export const ActivitySchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  connection_id: z.uuid().nullable(),
  external_id: z.string().nullable(),
  activity_type: z.enum(ACTIVITY_TYPES),
  start_time: z.string(),
  end_time: z.string().nullable(),
  duration_minutes: z.number().int().nullable(),
  intensity: z.enum(INTENSITIES).nullable(),
  metrics: z.record(z.string(), z.unknown()),
  points_earned: z.number().int(),
  processed: z.boolean(),
  created_at: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ACTIVITY_SORTS = ["start_time", "created_at", "points_earned"] as const;
export const ACTIVITY_FILTERS = [
  "activity_type",
  "user_id",
  "start_date",
  "end_date",
  "intensity",
] as const;
export type ActivitySort = typeof ACTIVITY_SORTS[number];
export type ActivityFilter = typeof ACTIVITY_FILTERS[number];

const isoDate = z.iso.date({ message: "must be a date YYYY-MM-DD" });

export const ACTIVITY_LIST_SPEC: ListSpec<ActivitySort, ActivityFilter> = {
  sortable: ACTIVITY_SORTS,
  defaultSort: [{ field: "start_time", direction: "desc" }],
  filters: {
    activity_type: z.enum(ACTIVITY_TYPES, {
      message: `must be one of ${ACTIVITY_TYPES.join(", ")}`,
    }),
    user_id: z.uuid({ message: "must be a UUID" }),
    start_date: isoDate,
    end_date: isoDate,
    intensity: z.enum(INTENSITIES, { message: `must be one of ${INTENSITIES.join(", ")}` }),
  },
};

import { z } from "zod";

export const IntegrityCheckSchema = z.object({
  name: z.string(),
  description: z.string(),
  violations: z.number().int(),
  passed: z.boolean(),
});
export type IntegrityCheck = z.infer<typeof IntegrityCheckSchema>;

export const SummarySchema = z.object({
  generated_at: z.string(),
  totals: z.object({
    users: z.number().int(),
    activities: z.number().int(),
    drawings: z.number().int(),
    tickets: z.number().int(),
  }),
  entities: z.record(z.string(), z.number().int()),
  breakdowns: z.object({
    users_by_role: z.record(z.string(), z.number().int()),
    users_by_status: z.record(z.string(), z.number().int()),
    activities_by_type: z.record(z.string(), z.number().int()),
    transactions_by_type: z.record(z.string(), z.number().int()),
    drawings_by_status: z.record(z.string(), z.number().int()),
    fulfillments_by_status: z.record(z.string(), z.number().int()),
    connections_by_provider: z.record(z.string(), z.number().int()),
  }),
  workflows: z.object({
    registrations_last_7_days: z.number().int(),
    syncs_last_24_hours: z.number().int(),
    ticket_purchases_last_7_days: z.number().int(),
    drawings_completed: z.number().int(),
    points_in_circulation: z.number().int(),
  }),
  integrity: z.object({ passed: z.boolean(), checks: z.array(IntegrityCheckSchema) }),
});
export type Summary = z.infer<typeof SummarySchema>;

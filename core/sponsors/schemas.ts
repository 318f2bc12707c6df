import { z } from "zod";
import type { ListSpec } from "../pagination.ts";

export const SponsorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contact_name: z.string().nullable(),
  contact_email: z.string().nullable(),
  website_url: z.string().nullable(),
  logo_url: z.string().nullable(),
  status: z.enum(["active", "inactive"]),
  notes: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Sponsor = z.infer<typeof SponsorSchema>;

export const CreateSponsorSchema = z.object({
  name: z.string().trim().min(1).max(200),
  contact_name: z.string().trim().max(200).nullable().optional(),
  contact_email: z.email().nullable().optional(),
  website_url: z.url().nullable().optional(),
  logo_url: z.url().nullable().optional(),
  status: z.enum(["active", "inactive"]).default("active"),
  notes: z.string().max(5000).nullable().optional(),
}).strict();
export type CreateSponsorInput = z.infer<typeof CreateSponsorSchema>;

export const UpdateSponsorSchema = CreateSponsorSchema.partial().refine(
  (v) => Object.keys(v).length > 0,
  { message: "must change at least one field" },
);
export type UpdateSponsorInput = z.infer<typeof UpdateSponsorSchema>;

export const SPONSOR_SORTS = ["name", "created_at"] as const;
export const SPONSOR_FILTERS = ["status"] as const;
export const SPONSOR_LIST_SPEC: ListSpec<
  typeof SPONSOR_SORTS[number],
  typeof SPONSOR_FILTERS[number]
> = {
  sortable: SPONSOR_SORTS,
  defaultSort: [{ field: "name", direction: "asc" }],
  filters: { status: z.enum(["active", "inactive"], { message: "must be active or inactive" }) },
};

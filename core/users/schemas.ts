/**
 * Users and profiles: the shapes the API answers and accepts, and the list spec.
 * The API and the CLI derive their types from these; none is written twice.
 *
 * @module
 */
import { z } from "zod";
import { AGE_BRACKETS, FITNESS_LEVELS, SEXES } from "../tiers/tier_code.ts";
import type { ListSpec } from "../pagination.ts";

export const ROLES = ["user", "premium", "admin"] as const;
export const USER_STATUSES = ["pending", "active", "suspended", "banned"] as const;
export type Role = typeof ROLES[number];
export type UserStatus = typeof USER_STATUSES[number];

/** The 50 states and DC. */
export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(
  z.email({ message: "must be an email address" }),
);
export const StateSchema = z.string().trim().toUpperCase().pipe(
  z.enum(US_STATES, { message: "must be a US state code such as CA" }),
);
export const DateOfBirthSchema = z.iso.date({ message: "must be a date YYYY-MM-DD" });
export const DisplayNameSchema = z.string().trim().min(2).max(50);

export const ProfileSchema = z.object({
  display_name: z.string(),
  date_of_birth: z.string(),
  state: z.string(),
  biological_sex: z.enum(SEXES),
  age_bracket: z.enum(AGE_BRACKETS),
  fitness_level: z.enum(FITNESS_LEVELS),
  open_tier: z.boolean(),
  tier_code: z.string(),
  height_inches: z.number().int().nullable(),
  weight_pounds: z.number().int().nullable(),
  goals: z.array(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ConnectionRefSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  status: z.string(),
  is_primary: z.boolean(),
  last_sync_at: z.string().nullable(),
});

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  email_verified: z.boolean(),
  point_balance: z.number().int(),
  points_earned_total: z.number().int(),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  profile: ProfileSchema.nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const UserDetailSchema = UserSchema.extend({
  connections: z.array(ConnectionRefSchema),
});
export type UserDetail = z.infer<typeof UserDetailSchema>;

const profileFields = {
  display_name: DisplayNameSchema,
  date_of_birth: DateOfBirthSchema,
  state: StateSchema,
  biological_sex: z.enum(SEXES),
  fitness_level: z.enum(FITNESS_LEVELS),
  open_tier: z.boolean().default(false),
  height_inches: z.number().int().min(36).max(108).nullable().optional(),
  weight_pounds: z.number().int().min(50).max(1000).nullable().optional(),
  goals: z.array(z.string().trim().min(1).max(100)).max(10).optional(),
};

/** Admin-side creation (POST /users). Registration has its own, stricter input. */
export const CreateUserSchema = z.object({
  email: EmailSchema,
  password: z.string().min(12).max(128).optional(),
  role: z.enum(ROLES).default("user"),
  status: z.enum(USER_STATUSES).default("active"),
  ...profileFields,
}).strict();
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({
  email: EmailSchema.optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  display_name: profileFields.display_name.optional(),
  date_of_birth: profileFields.date_of_birth.optional(),
  state: profileFields.state.optional(),
  biological_sex: profileFields.biological_sex.optional(),
  fitness_level: profileFields.fitness_level.optional(),
  open_tier: z.boolean().optional(),
  height_inches: profileFields.height_inches,
  weight_pounds: profileFields.weight_pounds,
  goals: profileFields.goals,
  version: z.number().int().positive().optional().describe(
    "Optimistic lock: the version you read; a stale one answers 409.",
  ),
}).strict().refine((v) => Object.keys(v).some((k) => k !== "version"), {
  message: "must change at least one field",
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const USER_SORTS = ["created_at", "updated_at", "email", "point_balance"] as const;
export const USER_FILTERS = ["role", "status", "tier_code", "email"] as const;
export type UserSort = typeof USER_SORTS[number];
export type UserFilter = typeof USER_FILTERS[number];

export const USER_LIST_SPEC: ListSpec<UserSort, UserFilter> = {
  sortable: USER_SORTS,
  defaultSort: [{ field: "created_at", direction: "desc" }],
  filters: {
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
    status: z.enum(USER_STATUSES, { message: `must be one of ${USER_STATUSES.join(", ")}` }),
    tier_code: z.string().max(20),
    email: z.string().max(254),
  },
};

/**
 * Accounts and sessions: the inputs the auth endpoints accept and the shapes
 * they answer. The API and the CLI derive their types from these.
 *
 * @module
 */
import { z } from "zod";
import { FITNESS_LEVELS, SEXES } from "../tiers/tier_code.ts";
import {
  DateOfBirthSchema,
  DisplayNameSchema,
  EmailSchema,
  ROLES,
  StateSchema,
  UpdateUserSchema,
  UserSchema,
} from "../users/schemas.ts";

/** Shape only; {@link passwordProblems} applies the policy (it needs the email too). */
export const PasswordSchema = z.string().min(1, "is required").max(
  128,
  "must be at most 128 characters",
);

export const RegisterSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  date_of_birth: DateOfBirthSchema,
  state: StateSchema,
  display_name: DisplayNameSchema,
  biological_sex: z.enum(SEXES),
  fitness_level: z.enum(FITNESS_LEVELS),
  open_tier: z.boolean().default(false),
}).strict();
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
}).strict();
export type LoginInput = z.infer<typeof LoginSchema>;

/** One-time tokens are 32 random bytes in base64url: 43 characters. */
export const OneTimeTokenSchema = z.string().trim().min(1, "is required").max(256);

export const VerifyEmailSchema = z.object({ token: OneTimeTokenSchema }).strict();
export const EmailOnlySchema = z.object({ email: EmailSchema }).strict();
export const ResetPasswordSchema = z.object({
  token: OneTimeTokenSchema,
  new_password: PasswordSchema,
}).strict();
export const ChangePasswordSchema = z.object({
  current_password: z.string().max(1024),
  new_password: PasswordSchema,
}).strict();
export const RefreshSchema = z.object({ refresh_token: z.string().max(256).optional() }).strict();

/** What a successful login or refresh answers. */
export const TokenResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  refresh_expires_in: z.number().int(),
  user: UserSchema,
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const MessageSchema = z.object({ message: z.string() });

export const RoleChangeSchema = z.object({ role: z.enum(ROLES) }).strict();

/** The claims of an access token (RS256 JWT). */
export interface AccessClaims {
  sub: string;
  email: string;
  role: (typeof ROLES)[number];
  /** The refresh-token family (session) this access token belongs to. */
  sid: string;
}

const { email: _email, role: _role, status: _status, ...meFields } = UpdateUserSchema.shape;

/** PUT /users/me: profile fields only; role, status and email are admin business. */
export const UpdateMeSchema = z.object(meFields).strict().refine(
  (v) => Object.keys(v).some((k) => k !== "version"),
  { message: "must change at least one field" },
);
export type UpdateMeInput = z.infer<typeof UpdateMeSchema>;

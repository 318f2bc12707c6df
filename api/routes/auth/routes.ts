import { createRoute, z } from "@hono/zod-openapi";
import {
  EmailOnlySchema,
  LoginSchema,
  MessageSchema,
  RefreshSchema,
  RegisterSchema,
  ResetPasswordSchema,
  TokenResponseSchema,
  VerifyEmailSchema,
} from "../../../core/auth/schemas.ts";
import { UserSchema } from "../../../core/users/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { jsonBody, jsonContent } from "../../schemas/common.ts";

const tags = ["Auth"];
const User = UserSchema.openapi("User");
const Message = MessageSchema.openapi("Message");
const Tokens = TokenResponseSchema.extend({ user: User }).openapi("TokenResponse");
const DEMO_PASSWORD = "FitTrack-Demo-2026!";

export const register = createRoute({
  method: "post",
  path: "/api/v1/auth/register",
  tags,
  summary: "Register (18+, eligible state); sends the verification mail",
  request: {
    body: jsonBody(RegisterSchema, {
      email: "newuser@example.com",
      password: "Str0ng-Passw0rd!",
      date_of_birth: "2000-04-12",
      state: "TX",
      display_name: "New User",
      biological_sex: "female",
      fitness_level: "beginner",
    }),
  },
  responses: {
    201: jsonContent(
      z.object({ message: z.string(), user: User }).openapi("Registered"),
      "Created as pending; verification email sent",
    ),
    ...problemResponses(400, 409, 413, 422, 429),
  },
});

export const verifyEmail = createRoute({
  method: "post",
  path: "/api/v1/auth/verify-email",
  tags,
  summary: "Verify the email address with the mailed token (24 h, single use)",
  request: { body: jsonBody(VerifyEmailSchema) },
  responses: {
    200: jsonContent(
      z.object({ message: z.string(), user: User, redirect_to: z.string() }).openapi("Verified"),
      "Verified; the account is active",
    ),
    ...problemResponses(400, 422, 429),
  },
});

export const resendVerification = createRoute({
  method: "post",
  path: "/api/v1/auth/resend-verification",
  tags,
  summary: "Send a new verification mail (same answer whether the email exists or not)",
  request: { body: jsonBody(EmailOnlySchema) },
  responses: { 202: jsonContent(Message, "Accepted"), ...problemResponses(422, 429) },
});

export const login = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  tags,
  summary:
    "Log in: access token (RS256, 30 min) and rotating refresh token (7 days, also a cookie)",
  request: { body: jsonBody(LoginSchema, { email: "user@fittrack.dev", password: DEMO_PASSWORD }) },
  responses: {
    200: jsonContent(Tokens, "Signed in"),
    ...problemResponses(401, 403, 422, 429),
  },
});

export const refresh = createRoute({
  method: "post",
  path: "/api/v1/auth/refresh",
  tags,
  summary: "Rotate the refresh token (cookie or body); a reused token revokes its family",
  request: {
    body: { required: false, content: { "application/json": { schema: RefreshSchema } } },
  },
  responses: { 200: jsonContent(Tokens, "New tokens"), ...problemResponses(401, 422, 429) },
});

export const logout = createRoute({
  ...secured(),
  method: "post",
  path: "/api/v1/auth/logout",
  tags,
  summary: "Log out: revokes this session's refresh tokens and clears the cookie",
  request: {
    body: { required: false, content: { "application/json": { schema: RefreshSchema } } },
  },
  responses: { 204: { description: "Signed out" }, ...problemResponses(401, 422) },
});

export const forgotPassword = createRoute({
  method: "post",
  path: "/api/v1/auth/forgot-password",
  tags,
  summary: "Mail a password reset link (1 h, single use); same answer for unknown emails",
  request: { body: jsonBody(EmailOnlySchema) },
  responses: { 202: jsonContent(Message, "Accepted"), ...problemResponses(422, 429) },
});

export const resetPassword = createRoute({
  method: "post",
  path: "/api/v1/auth/reset-password",
  tags,
  summary: "Set a new password with the reset token; signs out every session",
  request: { body: jsonBody(ResetPasswordSchema) },
  responses: { 200: jsonContent(Message, "Password changed"), ...problemResponses(400, 422, 429) },
});

const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi("Jwks");

export const jwks = createRoute({
  method: "get",
  path: "/.well-known/jwks.json",
  tags,
  summary: "Public keys that verify access tokens (RS256)",
  responses: { 200: jsonContent(Jwks, "JSON Web Key Set") },
});

import { createRoute, z } from "@hono/zod-openapi";
import { RoleChangeSchema } from "../../../core/auth/schemas.ts";
import { UserSchema } from "../../../core/users/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import * as usersRoutes from "../users/routes.ts";
import { problemResponses } from "../../problem.ts";
import { IdParamSchema, jsonBody, jsonContent } from "../../schemas/common.ts";

const tags = ["Admin"];
const User = UserSchema.openapi("User");

/** The users list under /admin: the same contract as GET /api/v1/users (admin-only there too). */
export const list = createRoute({
  ...usersRoutes.list,
  path: "/api/v1/admin/users",
  tags,
  summary: "List all users (admin)",
});

export const setRole = createRoute({
  ...secured("admin"),
  method: "put",
  path: "/api/v1/admin/users/{id}/role",
  tags,
  summary: "Change a user's role (admin); new tokens carry it",
  request: { params: IdParamSchema, body: jsonBody(RoleChangeSchema, { role: "premium" }) },
  responses: {
    200: jsonContent(User, "The updated user"),
    ...problemResponses(400, 401, 403, 404, 422),
  },
});

const LockState = z.object({
  user_id: z.uuid(),
  email: z.string(),
  failures: z.number().int(),
  locked_until: z.string().nullable(),
}).openapi("LockState");

export const lockState = createRoute({
  ...secured("admin"),
  method: "get",
  path: "/api/v1/admin/users/{id}/lock",
  tags,
  summary: "Failed-login counter and lock of a user (admin)",
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(LockState, "Lock state"), ...problemResponses(400, 401, 403, 404) },
});

export const unlock = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/admin/users/{id}/unlock",
  tags,
  summary: "Lift a login lockout (admin)",
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(LockState, "Unlocked"), ...problemResponses(400, 401, 403, 404) },
});

import { createRoute } from "@hono/zod-openapi";
import { ChangePasswordSchema, UpdateMeSchema } from "../../../core/auth/schemas.ts";
import { UserDetailSchema, UserSchema } from "../../../core/users/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { jsonBody, jsonContent } from "../../schemas/common.ts";

const tags = ["Me"];

export const getMe = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/users/me",
  tags,
  summary: "The signed-in user with profile and tracker connections",
  responses: {
    200: jsonContent(UserDetailSchema.openapi("UserDetail"), "You"),
    ...problemResponses(401, 404),
  },
});

export const updateMe = createRoute({
  ...secured(),
  method: "put",
  path: "/api/v1/users/me",
  tags,
  summary: "Update your profile (role, status and email are admin-only)",
  request: { body: jsonBody(UpdateMeSchema, { display_name: "Jane Runner" }) },
  responses: {
    200: jsonContent(UserSchema.openapi("User"), "Updated"),
    ...problemResponses(401, 409, 422),
  },
});

/** The plan's name for the same edit (Checkpoint 4): recomputes the tier and moves the boards. */
export const updateProfile = createRoute({
  ...updateMe,
  path: "/api/v1/users/me/profile",
  summary: "Update your profile; a changed tier takes this period's points to the new boards",
});

export const changePassword = createRoute({
  ...secured(),
  method: "put",
  path: "/api/v1/users/me/password",
  tags,
  summary: "Change your password; signs out your other sessions",
  request: { body: jsonBody(ChangePasswordSchema) },
  responses: { 204: { description: "Changed" }, ...problemResponses(401, 422) },
});

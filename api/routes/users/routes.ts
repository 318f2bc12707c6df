import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateUserSchema,
  UpdateUserSchema,
  USER_FILTERS,
  USER_SORTS,
  UserDetailSchema,
  UserSchema,
} from "../../../core/users/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import {
  IdParamSchema,
  jsonBody,
  jsonContent,
  listQuerySchema,
  pageSchema,
} from "../../schemas/common.ts";

const tags = ["Users"];
const User = UserSchema.openapi("User");

export const list = createRoute({
  ...secured("admin"),
  method: "get",
  path: "/api/v1/users",
  tags,
  summary: "List users (admin)",
  request: { query: listQuerySchema({ sortable: USER_SORTS, filters: USER_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(User, "UserPage"), "One page of users"),
    ...problemResponses(400, 401, 403),
  },
});

export const get = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/users/{id}",
  tags,
  summary: "Get a user with profile and tracker connections (self or admin)",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(UserDetailSchema.openapi("UserDetail"), "The user"),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const create = createRoute({
  ...secured("admin"),
  method: "post",
  path: "/api/v1/users",
  tags,
  summary: "Create a user (admin)",
  request: {
    body: jsonBody(CreateUserSchema, {
      email: "jane.doe@example.com",
      password: "Str0ng-Passw0rd!",
      role: "user",
      display_name: "Jane D",
      date_of_birth: "1990-04-12",
      state: "CA",
      biological_sex: "female",
      fitness_level: "intermediate",
    }),
  },
  responses: {
    201: jsonContent(User, "The created user"),
    ...problemResponses(400, 401, 403, 409, 413, 422),
  },
});

export const update = createRoute({
  ...secured(),
  method: "put",
  path: "/api/v1/users/{id}",
  tags,
  summary: "Update a user and profile (self or admin; role, status, email: admin)",
  request: {
    params: IdParamSchema,
    body: jsonBody(UpdateUserSchema, { display_name: "Jane Runner", fitness_level: "advanced" }),
  },
  responses: {
    200: jsonContent(User, "The updated user"),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const remove = createRoute({
  ...secured("admin"),
  method: "delete",
  path: "/api/v1/users/{id}",
  tags,
  summary: "Soft-delete a user (admin)",
  request: { params: IdParamSchema },
  responses: {
    204: { description: "Deleted (the row stays, with deleted_at set)" },
    ...problemResponses(400, 401, 403, 404),
  },
});

export type UserResponse = z.infer<typeof User>;

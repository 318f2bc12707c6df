import { assertMayEditUser, assertSelfOrAdmin } from "../../../core/auth/access.ts";
import { USER_LIST_SPEC } from "../../../core/users/schemas.ts";
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  updateUser,
} from "../../../core/users/user_operations.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = listQueryFrom(c, USER_LIST_SPEC, c.req.valid("query"));
  return c.json(await listUsers(c.get("services").core, query), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const { id } = c.req.valid("param");
  assertSelfOrAdmin(actorOf(c), id);
  return c.json(await getUser(c.get("services").core, id), 200);
};

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const user = await createUser(c.get("services").core, c.req.valid("json"), c.get("actor")?.id);
  return c.json(user, 201, { location: `/api/v1/users/${user.id}` });
};

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  const { id } = c.req.valid("param");
  const input = c.req.valid("json");
  assertMayEditUser(actorOf(c), id, input);
  return c.json(await updateUser(c.get("services").core, id, input, actorOf(c).id), 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  await deleteUser(c.get("services").core, c.req.valid("param").id, c.get("actor")?.id);
  return c.body(null, 204);
};

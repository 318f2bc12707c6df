import { lockStatus, promoteUser, unlockUser } from "../../../core/auth/accounts.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

/** Same contract and glue as GET /api/v1/users. */
export { list } from "../users/handlers.ts";

export const setRole: AppRouteHandler<typeof routes.setRole> = async (c) => {
  const { id } = c.req.valid("param");
  const user = await promoteUser(
    c.get("services").core,
    { id },
    c.req.valid("json").role,
    actorOf(c).id,
  );
  return c.json(user, 200);
};

async function lockBody(c: Parameters<AppRouteHandler<typeof routes.lockState>>[0], id: string) {
  const state = await lockStatus(c.get("services").core, { id });
  return {
    user_id: state.user.id,
    email: state.user.email,
    failures: state.failures,
    locked_until: state.locked_until,
  };
}

export const lockState: AppRouteHandler<typeof routes.lockState> = async (c) => {
  return c.json(await lockBody(c, c.req.valid("param").id), 200);
};

export const unlock: AppRouteHandler<typeof routes.unlock> = async (c) => {
  const { id } = c.req.valid("param");
  await unlockUser(c.get("services").core, { id }, actorOf(c).id);
  return c.json(await lockBody(c, id), 200);
};

import { changePassword as changeOp } from "../../../core/auth/change_password.ts";
import { getMe as getOp, updateMe as updateOp } from "../../../core/auth/me.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const getMe: AppRouteHandler<typeof routes.getMe> = async (c) => {
  return c.json(await getOp(c.get("services").core, actorOf(c).id), 200);
};

export const updateMe: AppRouteHandler<typeof routes.updateMe> = async (c) => {
  return c.json(await updateOp(c.get("services").core, actorOf(c).id, c.req.valid("json")), 200);
};

export const updateProfile: AppRouteHandler<typeof routes.updateProfile> = async (c) => {
  return c.json(await updateOp(c.get("services").core, actorOf(c).id, c.req.valid("json")), 200);
};

export const changePassword: AppRouteHandler<typeof routes.changePassword> = async (c) => {
  const actor = actorOf(c);
  await changeOp(c.get("services").core, {
    userId: actor.id,
    sessionId: actor.sessionId,
    ...c.req.valid("json"),
  });
  return c.body(null, 204);
};

import { getPublicProfile as getOp } from "../../../core/leaderboards/get_public_profile.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const getPublicProfile: AppRouteHandler<typeof routes.getPublicProfile> = async (c) => {
  return c.json(await getOp(c.get("services").core, c.req.valid("param").id), 200);
};

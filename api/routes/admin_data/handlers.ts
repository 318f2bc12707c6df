import { resetData, seedData } from "../../../core/admin/seed_data.ts";
import type { AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

export const seed: AppRouteHandler<typeof routes.seed> = async (c) => {
  return c.json(await seedData(c.get("services").core, c.req.valid("json") ?? {}), 200);
};

export const reset: AppRouteHandler<typeof routes.reset> = async (c) => {
  return c.json(await resetData(c.get("services").core, c.req.valid("json") ?? {}), 200);
};

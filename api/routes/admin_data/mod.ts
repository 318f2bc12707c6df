/**
 * POST /api/v1/admin/seed and /api/v1/admin/reset: development data tools,
 * admin-only and absent in production.
 *
 * @module
 */
import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const adminDataRouter = createRouter()
  .openapi(routes.seed, handlers.seed)
  .openapi(routes.reset, handlers.reset);

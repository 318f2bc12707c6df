import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

/** Account administration under /api/v1/admin/users (admin only). */
export const adminUsersRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.setRole, handlers.setRole)
  .openapi(routes.lockState, handlers.lockState)
  .openapi(routes.unlock, handlers.unlock);

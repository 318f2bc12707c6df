/**
 * The signed-in user's own account. Mounted before the users router so that
 * `/users/me` is not read as `/users/{id}`.
 *
 * @module
 */
import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const meRouter = createRouter()
  .openapi(routes.getMe, handlers.getMe)
  .openapi(routes.updateMe, handlers.updateMe)
  .openapi(routes.updateProfile, handlers.updateProfile)
  .openapi(routes.changePassword, handlers.changePassword);

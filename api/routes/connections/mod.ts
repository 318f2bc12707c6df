import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

/** Tracker connections: list, initiate, OAuth callback, disconnect, set primary, manual sync. */
export const connectionsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.initiate, handlers.initiate)
  .openapi(routes.callback, handlers.callback)
  .openapi(routes.disconnect, handlers.disconnect)
  .openapi(routes.setPrimary, handlers.setPrimary)
  .openapi(routes.sync, handlers.sync);

import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const adminDrawingsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.execute, handlers.execute)
  .openapi(routes.mailEntry, handlers.mailEntry);

import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const fulfillmentsRouter = createRouter()
  .openapi(routes.mine, handlers.mine)
  .openapi(routes.get, handlers.get)
  .openapi(routes.address, handlers.address)
  .openapi(routes.adminList, handlers.adminList)
  .openapi(routes.adminUpdate, handlers.adminUpdate)
  .openapi(routes.ship, handlers.ship)
  .openapi(routes.deliver, handlers.deliver)
  .openapi(routes.forfeit, handlers.forfeit)
  .openapi(routes.taxForm, handlers.taxForm);

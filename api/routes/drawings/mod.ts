import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const drawingsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.purchase, handlers.purchase)
  .openapi(routes.freeEntry, handlers.freeEntry)
  .openapi(routes.results, handlers.results)
  .openapi(routes.proof, handlers.proof)
  .openapi(routes.leaves, handlers.leaves)
  .openapi(routes.myProof, handlers.myProof);

import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const webhooksRouter = createRouter().openapi(routes.terra, handlers.terra);

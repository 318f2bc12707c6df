/**
 * GET /api/v1/leaderboards/{daily|weekly|monthly|alltime}.
 *
 * @module
 */
import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const leaderboardsRouter = createRouter().openapi(routes.getBoard, handlers.getBoard);

/**
 * GET /api/v1/users/{id}/public, the profile a leaderboard row links to.
 *
 * @module
 */
import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

export const publicProfilesRouter = createRouter().openapi(
  routes.getPublicProfile,
  handlers.getPublicProfile,
);

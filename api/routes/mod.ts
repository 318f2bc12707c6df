/**
 * Every resource router, in mount order. Adding a resource is one line here.
 *
 * @module
 */
import { healthRouter } from "./health/mod.ts";
import { usersRouter } from "./users/mod.ts";
import { authRouter } from "./auth/mod.ts";
import { meRouter } from "./me/mod.ts";
import { adminUsersRouter } from "./admin_users/mod.ts";
import { devRouter } from "./dev/mod.ts";
import { activitiesRouter } from "./activities/mod.ts";
import { pointsRouter } from "./points/mod.ts";
import { drawingsRouter } from "./drawings/mod.ts";
import { adminDrawingsRouter } from "./admin_drawings/mod.ts";
import { drawingTemplatesRouter } from "./drawing_templates/mod.ts";
import { ticketsRouter } from "./tickets/mod.ts";
import { fulfillmentsRouter } from "./fulfillments/mod.ts";
import { sponsorsRouter } from "./sponsors/mod.ts";
import { reportsRouter } from "./reports/mod.ts";
import { leaderboardsRouter } from "./leaderboards/mod.ts";
import { publicProfilesRouter } from "./public_profiles/mod.ts";
import { adminDataRouter } from "./admin_data/mod.ts";
import { webhooksRouter } from "./webhooks/mod.ts";
import { connectionsRouter } from "./connections/mod.ts";

export const ROUTERS = [
  healthRouter,
  authRouter,
  meRouter, // before usersRouter: /users/me must not match /users/{id}
  usersRouter,
  adminUsersRouter,
  devRouter,
  activitiesRouter,
  pointsRouter,
  drawingsRouter,
  adminDrawingsRouter,
  drawingTemplatesRouter,
  ticketsRouter,
  fulfillmentsRouter,
  sponsorsRouter,
  reportsRouter,
  leaderboardsRouter,
  publicProfilesRouter,
  adminDataRouter,
  webhooksRouter,
  connectionsRouter,
];

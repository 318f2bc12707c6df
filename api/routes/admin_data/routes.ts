import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { SeedOptionsSchema, SeedStatisticsSchema } from "../../../core/admin/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problem, problemResponses } from "../../problem.ts";
import { jsonBody, jsonContent } from "../../schemas/common.ts";
import type { AppEnv } from "../../types.ts";

const tags = ["Admin data"];
// Core's zod schemas may be built before zod-openapi patches zod, so they are used unnamed here.
const Statistics = SeedStatisticsSchema;
const SeedBody = SeedOptionsSchema.partial();

/** Development data tools do not exist in production: a 404 before authentication even runs. */
const notInProduction: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("services").config.isProduction) {
    return problem(c, {
      status: 404,
      detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`,
    });
  }
  await next();
};

const adminOnly = secured("admin");
const guard = {
  middleware: [notInProduction, ...adminOnly.middleware],
  security: adminOnly.security,
};

const example = {
  action: "seed",
  options: { users: 50, activities: 400, drawings: 10, seed: 42 },
  entities: {
    users: 50,
    profiles: 50,
    tracker_connections: 38,
    activities: 400,
    point_transactions: 513,
    drawings: 10,
    prizes: 26,
    tickets: 136,
    prize_fulfillments: 9,
    sponsors: 10,
  },
  duration_ms: 310,
  demo_accounts: [
    { email: "admin@fittrack.dev", role: "admin" },
    { email: "premium@fittrack.dev", role: "premium" },
    { email: "user@fittrack.dev", role: "user" },
  ],
};

const description =
  "Replaces all domain data (users, activities, ledger, drawings, sponsors...) with a " +
  "deterministic synthetic data set: the same `seed` gives the same data. Every field is " +
  "optional. The demo accounts admin@, premium@ and user@fittrack.dev (password " +
  "`FitTrack-Demo-2026!`) are always created; your current token's user is replaced, so log in " +
  "again afterwards. Answers 404 when APP_ENV=production.";

export const seed = createRoute({
  ...guard,
  method: "post",
  path: "/api/v1/admin/seed",
  tags,
  summary: "Seed the database with synthetic data (admin, not in production)",
  description,
  request: {
    body: {
      ...jsonBody(SeedBody, { users: 100, activities: 1000, drawings: 12, seed: 7 }),
      required: false,
    },
  },
  responses: {
    200: {
      ...jsonContent(Statistics, "Rows per table after the seed"),
      content: { "application/json": { schema: Statistics, example } },
    },
    ...problemResponses(401, 403, 404, 413, 422),
  },
});

export const reset = createRoute({
  ...guard,
  method: "post",
  path: "/api/v1/admin/reset",
  tags,
  summary: "Drop every table, migrate again and seed (admin, not in production)",
  description: "Like POST /api/v1/admin/seed, after dropping and re-creating every table " +
    "(sessions, outbox and audit log included). " + description,
  request: {
    body: { ...jsonBody(SeedBody, {}), required: false },
  },
  responses: {
    200: {
      ...jsonContent(Statistics, "Rows per table after the reset"),
      content: {
        "application/json": { schema: Statistics, example: { ...example, action: "reset" } },
      },
    },
    ...problemResponses(401, 403, 404, 413, 422),
  },
});

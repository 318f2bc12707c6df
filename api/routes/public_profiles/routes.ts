import { createRoute } from "@hono/zod-openapi";
import { PublicProfileSchema } from "../../../core/leaderboards/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { IdParamSchema, jsonContent } from "../../schemas/common.ts";
import { boardRateLimit } from "../leaderboards/routes.ts";

export const getPublicProfile = createRoute({
  method: "get",
  path: "/api/v1/users/{id}/public",
  middleware: [...secured().middleware, boardRateLimit] as const,
  security: secured().security,
  tags: ["Leaderboards"],
  summary: "A user's public profile: display name, tier, points earned, rank per period",
  description: "Never email, date of birth or state. Shares the leaderboards' 60/minute limit.",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(PublicProfileSchema, "The public profile"),
    ...problemResponses(400, 401, 404, 429),
  },
});

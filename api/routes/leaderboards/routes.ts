import { createRoute, z } from "@hono/zod-openapi";
import { LeaderboardSchema, MAX_BOARD_LIMIT } from "../../../core/leaderboards/schemas.ts";
import { PERIODS } from "../../../core/time/periods.ts";
import { secured } from "../../middleware/auth.ts";
import { rateLimit } from "../../middleware/rate_limit.ts";
import { problemResponses } from "../../problem.ts";
import { jsonContent } from "../../schemas/common.ts";

const size = (name: string) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number")
    .min(1, "must be 1 or more").max(MAX_BOARD_LIMIT, `must be at most ${MAX_BOARD_LIMIT}`)
    .optional().openapi({ description: `${name} (1-${MAX_BOARD_LIMIT}, default 100)` });

/** 60 board reads a minute per signed-in user (Checkpoint 4 security notes). */
export const boardRateLimit = rateLimit({
  name: "leaderboards",
  limit: 60,
  windowSeconds: 60,
  key: (c) => c.get("actor")?.id ?? "anonymous",
});

export const getBoard = createRoute({
  method: "get",
  path: "/api/v1/leaderboards/{period}",
  middleware: [...secured().middleware, boardRateLimit] as const,
  security: secured().security,
  tags: ["Leaderboards"],
  summary: "A tier's rankings for a period, with your rank and the ±10 around you",
  description: "Points earned in the period, descending; ties go to whoever reached the total " +
    "first. Periods are in FITTRACK_TIMEZONE and weeks start Monday 00:00. Pages by `page`, " +
    "`offset` or `cursor` (from `next_cursor`). 60 requests a minute per user.",
  request: {
    params: z.object({
      period: z.enum(PERIODS, { message: `must be one of ${PERIODS.join(", ")}` }).openapi({
        param: { name: "period", in: "path" },
        example: "weekly",
      }),
    }),
    query: z.object({
      tier: z.string().max(20, "is not a tier code").optional().openapi({
        description: "Tier code (30 demographic tiers or OPEN); defaults to your tier",
        example: "M-30-39-INT",
      }),
      limit: size("Rows per page"),
      per_page: size("Alias of limit"),
      page: z.coerce.number({ message: "must be a number" }).int("must be a whole number")
        .min(1, "must be 1 or more").max(1_000_000, "must be at most 1000000").optional(),
      offset: z.coerce.number({ message: "must be a number" }).int("must be a whole number")
        .min(0, "must be 0 or more").max(10_000_000, "must be at most 10000000").optional(),
      cursor: z.string().max(300, "is not a valid cursor").optional().openapi({
        description: "next_cursor of the previous page",
      }),
    }),
  },
  responses: {
    200: jsonContent(LeaderboardSchema, "The leaderboard"),
    ...problemResponses(400, 401, 429),
  },
});

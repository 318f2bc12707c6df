/**
 * Leaderboard answers: rankings of one tier for one period, the caller's own
 * place and the ranks around it; and the public profile a ranking links to.
 *
 * @module
 */
import { z } from "zod";
import { PaginationSchema } from "../pagination.ts";
import { PERIODS } from "../time/periods.ts";

export const RankingSchema = z.object({
  rank: z.number().int(),
  user_id: z.uuid(),
  display_name: z.string(),
  tier_code: z.string(),
  points: z.number().int(),
});
export type Ranking = z.infer<typeof RankingSchema>;

export const MyPositionSchema = z.object({ rank: z.number().int(), points: z.number().int() });
export type MyPosition = z.infer<typeof MyPositionSchema>;

export const LeaderboardSchema = z.object({
  period: z.enum(PERIODS),
  tier_code: z.string(),
  period_start: z.string().nullable(),
  period_end: z.string().nullable(),
  rankings: z.array(RankingSchema),
  total_users: z.number().int(),
  me: MyPositionSchema.nullable().describe("The caller's rank and points; null without points"),
  around_me: z.array(RankingSchema).describe("Up to 10 ranks either side of the caller"),
  pagination: PaginationSchema,
  next_cursor: z.string().nullable().describe("Pass as ?cursor= for the next page"),
  source: z.enum(["redis", "postgres"]).describe("Which copy answered"),
  generated_at: z.string(),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;

export const PublicProfileSchema = z.object({
  user_id: z.uuid(),
  display_name: z.string(),
  tier_code: z.string(),
  points_earned_total: z.number().int(),
  member_since: z.string(),
  ranks: z.array(z.object({
    period: z.enum(PERIODS),
    rank: z.number().int().nullable(),
    points: z.number().int(),
  })),
});
export type PublicProfile = z.infer<typeof PublicProfileSchema>;

/** Largest page a board answers at once. */
export const MAX_BOARD_LIMIT = 100;
/** Rows an offset or page may skip; deeper pages use the cursor. */
export const MAX_BOARD_OFFSET = 100_000;
/** Ranks shown either side of the caller. */
export const AROUND_ME = 10;

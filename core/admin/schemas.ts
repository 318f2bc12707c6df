/**
 * Seed and reset: the options a caller may pass and the statistics they get
 * back. The API body, the CLI flags and the seeder all use these.
 *
 * @module
 */
import { z } from "zod";

/** Smallest data set that still contains every scenario (all 31 tiers, every drawing status). */
export const SEED_MINIMUMS = { users: 34, activities: 200, drawings: 10 } as const;
export const SEED_DEFAULTS = { users: 50, activities: 400, drawings: 10, seed: 42 } as const;

export const SeedOptionsSchema = z.object({
  users: z.coerce.number().int().min(SEED_MINIMUMS.users).max(1_000_000)
    .default(SEED_DEFAULTS.users).describe(
      `Users to create (at least ${SEED_MINIMUMS.users}: the demo accounts plus one per tier)`,
    ),
  activities: z.coerce.number().int().min(SEED_MINIMUMS.activities).max(20_000_000)
    .default(SEED_DEFAULTS.activities).describe("Activities to create, spread over the users"),
  drawings: z.coerce.number().int().min(SEED_MINIMUMS.drawings).max(10_000)
    .default(SEED_DEFAULTS.drawings).describe(
      `Drawings to create (at least ${SEED_MINIMUMS.drawings}: every status, 3 completed)`,
    ),
  seed: z.coerce.number().int().min(0).max(2_147_483_647).default(SEED_DEFAULTS.seed)
    .describe("Random seed: the same seed gives the same data"),
}).strict();
export type SeedOptions = z.infer<typeof SeedOptionsSchema>;

/** Rows per table after the seed. */
export const EntityCountsSchema = z.object({
  users: z.number().int(),
  profiles: z.number().int(),
  tracker_connections: z.number().int(),
  activities: z.number().int(),
  point_transactions: z.number().int(),
  drawings: z.number().int(),
  prizes: z.number().int(),
  tickets: z.number().int(),
  prize_fulfillments: z.number().int(),
  sponsors: z.number().int(),
});
export type EntityCounts = z.infer<typeof EntityCountsSchema>;

export const SeedStatisticsSchema = z.object({
  action: z.enum(["seed", "reset"]),
  options: z.object({
    users: z.number().int(),
    activities: z.number().int(),
    drawings: z.number().int(),
    seed: z.number().int(),
  }),
  entities: EntityCountsSchema,
  duration_ms: z.number().int(),
  demo_accounts: z.array(z.object({ email: z.string(), role: z.string() })),
});
export type SeedStatistics = z.infer<typeof SeedStatisticsSchema>;

/**
 * drizzle's view of the tables that `db/migrations/` creates. The SQL files are
 * the source of truth; `tests/integration/db/schema_test.ts` checks that every
 * column here exists there with the same type and nullability.
 *
 * @module
 */
export * from "./users.ts";
export * from "./trackers.ts";
export * from "./points.ts";
export * from "./sweepstakes.ts";
export * from "./operations.ts";
export * from "./auth.ts";
export * from "./points_days.ts";
export * from "./webhooks.ts";
export * from "./sweepstakes_v2.ts";
export * from "./leaderboards.ts";
export * from "./trackers_v2.ts";
export * from "./drawing_templates.ts";

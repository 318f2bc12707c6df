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

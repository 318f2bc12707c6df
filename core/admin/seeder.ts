/**
 * The seeder port: core decides what a seed is (options, demo accounts, one
 * password hash); `db/seed/` writes the rows in bulk.
 *
 * @module
 */
import type { EntityCounts, SeedOptions } from "./schemas.ts";

/** Everything the generator needs, resolved by core. */
export interface SeedPlan extends SeedOptions {
  /** The instant the data set is built around (past activities, future drawings). */
  now: Date;
  /** IANA zone of the platform day, for ages and tiers. */
  timeZone: string;
  /** One Argon2id hash reused for every seeded user, so seeding stays fast. */
  passwordHash: string;
  demoAccounts: readonly DemoAccount[];
}

export interface DemoAccount {
  email: string;
  role: "user" | "premium" | "admin";
  display_name: string;
}

/**
 * Writes generated data. Each method runs in its own transaction(s); never call
 * it from inside `store.transaction()`.
 */
export interface Seeder {
  /** Replaces every domain row (users, activities, ledger, drawings, ...) with generated data. */
  seed(plan: SeedPlan): Promise<EntityCounts>;
  /** Drops every table and applies the migrations again. */
  recreate(): Promise<void>;
  /** True when no user exists yet (a fresh database). */
  isEmpty(): Promise<boolean>;
}

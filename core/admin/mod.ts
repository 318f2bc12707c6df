/**
 * Administration of the data set: seed, reset, demo accounts.
 *
 * @module
 */
export * from "./schemas.ts";
export * from "./seeder.ts";
export * from "./demo_accounts.ts";
export * from "./seed_data.ts";

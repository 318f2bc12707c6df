/**
 * seedData / resetData: the operations behind `fittrack db seed|reset` and
 * POST /api/v1/admin/seed|reset.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import { rebuildLeaderboards } from "../leaderboards/rebuild_leaderboards.ts";
import type { CoreDeps } from "../ports.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo_accounts.ts";
import { type SeedOptions, SeedOptionsSchema, type SeedStatistics } from "./schemas.ts";

async function run(
  deps: CoreDeps,
  action: SeedStatistics["action"],
  input: Partial<SeedOptions>,
): Promise<SeedStatistics> {
  // Parse here too so the CLI and startup get the same defaults and limits as the API.
  const parsed = SeedOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      field: i.path.map(String).join(".") || "options",
      message: i.message,
    }));
    throw new DomainError("validation", "Invalid seed options.", { errors });
  }
  const options = parsed.data;
  const started = deps.clock.now().getTime();
  if (action === "reset") await deps.store.seeder.recreate();
  // One hash for every seeded user: Argon2id is deliberately slow, 100k hashes would take hours.
  const passwordHash = await deps.passwords.hash(DEMO_PASSWORD);
  const entities = await deps.store.seeder.seed({
    ...options,
    now: deps.clock.now(),
    timeZone: deps.timeZone,
    passwordHash,
    demoAccounts: DEMO_ACCOUNTS,
  });
  // The seed writes the ledger directly, so the boards' rollups are rebuilt from it.
  await rebuildLeaderboards(deps, { fromLedger: true });
  return {
    action,
    options,
    entities,
    duration_ms: deps.clock.now().getTime() - started,
    demo_accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
  };
}

/**
 * Replaces all domain data with a generated, deterministic data set.
 *
 * @param deps store (with its seeder), clock, password hasher, platform zone
 * @param input users/activities/drawings/seed; omitted values take the defaults
 * @returns the options used and the rows per table
 * @example
 * ```ts
 * const stats = await seedData(services.core, { users: 100, seed: 7 });
 * ```
 */
export function seedData(
  deps: CoreDeps,
  input: Partial<SeedOptions> = {},
): Promise<SeedStatistics> {
  return run(deps, "seed", input);
}

/**
 * Drops every table, applies the migrations again and seeds.
 *
 * @param deps store (with its seeder), clock, password hasher, platform zone
 * @param input as for {@link seedData}
 * @returns the options used and the rows per table
 * @example
 * ```ts
 * await resetData(services.core);
 * ```
 */
export function resetData(
  deps: CoreDeps,
  input: Partial<SeedOptions> = {},
): Promise<SeedStatistics> {
  return run(deps, "reset", input);
}

/**
 * Seeds only when the database has no user yet (first start of the embedded mode).
 *
 * @returns the statistics, or null when data was already there
 * @example
 * ```ts
 * const stats = await seedIfEmpty(services.core);
 * ```
 */
export async function seedIfEmpty(deps: CoreDeps): Promise<SeedStatistics | null> {
  if (!await deps.store.seeder.isEmpty()) return null;
  return await seedData(deps);
}

/**
 * `fittrack db seed` and `fittrack db reset`: the same core operations as
 * POST /api/v1/admin/seed|reset.
 *
 * @module
 */
import { resetData, seedData } from "../../core/admin/seed_data.ts";
import type { SeedOptions, SeedStatistics } from "../../core/admin/schemas.ts";
import { type CliContext, CliExit, EXIT, type ExitCode } from "../context.ts";
import { keyValues } from "../output.ts";

export interface SeedFlags {
  users?: string;
  activities?: string;
  drawings?: string;
  seed?: string;
}

function options(flags: SeedFlags): Partial<SeedOptions> {
  // Strings go to core as they came: its schema coerces and names any bad flag.
  const picked = Object.entries(flags).filter(([k, v]) =>
    ["users", "activities", "drawings", "seed"].includes(k) && v !== undefined
  );
  return Object.fromEntries(picked) as Partial<SeedOptions>;
}

function refuseInProduction(ctx: CliContext, action: string): void {
  if (ctx.services.config.isProduction) {
    throw new CliExit(
      EXIT.usage,
      `Refusing to ${action} a production database (APP_ENV=production).`,
    );
  }
}

function render(stats: SeedStatistics): string {
  return [
    keyValues(stats.entities, ["table", "rows"]),
    `${stats.action} done in ${stats.duration_ms} ms (seed ${stats.options.seed}). ` +
    `Demo accounts: ${stats.demo_accounts.map((a) => a.email).join(", ")}.`,
  ].join("\n");
}

/** `db seed`: replaces all domain data with generated data. */
export async function dbSeed(ctx: CliContext, flags: SeedFlags): Promise<ExitCode> {
  refuseInProduction(ctx, "seed");
  const stats = await ctx.out.spin("Seeding", () => seedData(ctx.services.core, options(flags)));
  ctx.out.result(stats, () => render(stats));
  return EXIT.ok;
}

/** `db reset`: drop, migrate, seed; asks first unless --yes. */
export async function dbReset(ctx: CliContext, flags: SeedFlags): Promise<ExitCode> {
  refuseInProduction(ctx, "reset");
  const where = ctx.services.db.kind === "postgres"
    ? `schema "${ctx.services.db.schema}" on PostgreSQL`
    : "the embedded database";
  const ok = await ctx.out.confirm(`This drops every table in ${where} and re-seeds it.`, {
    yes: ctx.yes,
  });
  if (!ok) return EXIT.usage;
  const stats = await ctx.out.spin("Resetting", () => resetData(ctx.services.core, options(flags)));
  ctx.out.result(stats, () => render(stats));
  return EXIT.ok;
}

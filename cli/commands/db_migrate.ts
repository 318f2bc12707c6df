/**
 * `fittrack db migrate` and `fittrack db status`.
 *
 * @module
 */
import { migrate, migrationStatus } from "../../db/migrate.ts";
import { countRows } from "../../db/seed/mod.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { keyValues, table } from "../output.ts";

/** Applies pending migrations (the services were opened without migrating). */
export async function dbMigrate(ctx: CliContext): Promise<ExitCode> {
  const applied = await ctx.out.spin("Migrating", () => migrate(ctx.services.db));
  const status = await migrationStatus(ctx.services.db);
  ctx.out.result(
    { applied, migrations: status },
    () =>
      applied.length === 0
        ? `Up to date (${status.length} migrations applied).`
        : `Applied ${applied.length}: ${applied.join(", ")}`,
  );
  return EXIT.ok;
}

/** Database kind and version, each migration's state, rows per table. */
export async function dbStatus(ctx: CliContext): Promise<ExitCode> {
  const { db } = ctx.services;
  const migrations = await migrationStatus(db);
  const pending = migrations.filter((m) => m.applied_at === null).map((m) => m.name);
  const entities = pending.length === migrations.length
    ? null
    : await countRows(db).catch(() => null);
  const data = {
    database: { kind: db.kind, schema: db.schema, version: await db.version() },
    migrations,
    pending,
    entities,
  };
  ctx.out.result(data, () =>
    [
      `Database: ${data.database.version} (schema ${db.schema})`,
      table(
        ["migration", "applied at"],
        migrations.map((m) => [m.name, m.applied_at ?? "pending"]),
      ),
      entities
        ? keyValues(entities, ["table", "rows"])
        : "No tables yet: run `fittrack db migrate`.",
    ].join("\n"));
  return EXIT.ok;
}

/**
 * Seed benchmark: the default seed on PGlite and on PostgreSQL, a scaled seed
 * on PostgreSQL (rows/s), and a baseline measured in the same run: the same
 * kind of rows written one INSERT per row.
 *
 * Flags: --users N --activities N (scaled seed; default 20000 / 200000),
 * --baseline-rows N (default 2000), --database-url URL (else DATABASE_URL or
 * FITTRACK_TEST_DATABASE_URL; without one the PostgreSQL cases are skipped).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { parseConfig } from "../../config.ts";
import { seedData } from "../../core/admin/seed_data.ts";
import type { EntityCounts } from "../../core/admin/schemas.ts";
import { createLogger } from "../../integrations/observability/logger.ts";
import { createServices, type Services } from "../../services.ts";

export interface BenchRow {
  case: string;
  database: string;
  rows: number;
  seconds: number;
  rows_per_second: number;
}

async function withServices<T>(
  url: string | undefined,
  fn: (s: Services) => Promise<T>,
): Promise<T> {
  const schema = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const services = await createServices(
    parseConfig({
      APP_ENV: "test",
      DATABASE_URL: url,
      DATABASE_SCHEMA: url ? schema : "public",
      FITTRACK_DATA_DIR: ":memory:",
      FITTRACK_JOBS: "false",
    }),
    { logger: createLogger("error", console.error) },
  );
  try {
    return await fn(services);
  } finally {
    if (url) await services.db.session((raw) => raw.exec(`DROP SCHEMA "${schema}" CASCADE`));
    await services.close();
  }
}

function total(entities: EntityCounts): number {
  return Object.values(entities).reduce((a, b) => a + b, 0);
}

async function seedCase(
  name: string,
  url: string | undefined,
  options: { users?: number; activities?: number },
): Promise<BenchRow> {
  return await withServices(url, async (s) => {
    const started = performance.now();
    const stats = await seedData(s.core, options);
    const seconds = (performance.now() - started) / 1000;
    const rows = total(stats.entities);
    return { case: name, database: s.db.kind, rows, seconds, rows_per_second: rows / seconds };
  });
}

/** The naive way, for comparison: one INSERT statement per user row, in one transaction. */
async function baselineCase(url: string | undefined, count: number): Promise<BenchRow> {
  return await withServices(url, async (s) => {
    const started = performance.now();
    await s.db.session(async (raw) => {
      await raw.exec("BEGIN");
      for (let i = 0; i < count; i++) {
        await raw.exec(
          `INSERT INTO users (email, password_hash, role, status) VALUES ('baseline${i}@example.com', 'x', 'user', 'active')`,
        );
      }
      await raw.exec("COMMIT");
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      case: `baseline: ${count} single-row INSERTs`,
      database: s.db.kind,
      rows: count,
      seconds,
      rows_per_second: count / seconds,
    };
  });
}

/** Runs every case and prints a table; returns the rows. */
export async function seedBench(args: string[]): Promise<BenchRow[]> {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: "string", default: "20000" },
      activities: { type: "string", default: "200000" },
      "baseline-rows": { type: "string", default: "2000" },
      "database-url": { type: "string" },
    },
  });
  const url = values["database-url"] ?? Deno.env.get("DATABASE_URL") ??
    Deno.env.get("FITTRACK_TEST_DATABASE_URL");
  const baselineRows = Number(values["baseline-rows"]);
  const results: BenchRow[] = [];
  const log = (r: BenchRow) => {
    results.push(r);
    console.error(`  ${r.case} (${r.database}): ${r.seconds.toFixed(2)} s`);
  };
  log(await baselineCase(undefined, baselineRows));
  log(await seedCase("default seed", undefined, {}));
  if (url) {
    log(await baselineCase(url, baselineRows));
    log(await seedCase("default seed", url, {}));
    const users = Number(values.users);
    const activities = Number(values.activities);
    log(
      await seedCase(`scaled seed --users ${users} --activities ${activities}`, url, {
        users,
        activities,
      }),
    );
  } else {
    console.error("  PostgreSQL cases skipped: pass --database-url or set DATABASE_URL");
  }
  return results;
}

if (import.meta.main) {
  for (const row of await seedBench(Deno.args)) {
    console.log(
      `${row.case} (${row.database}): ${row.rows} rows in ${row.seconds.toFixed(2)} s = ${
        Math.round(row.rows_per_second)
      } rows/s`,
    );
  }
}

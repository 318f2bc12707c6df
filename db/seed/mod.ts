/**
 * The {@link Seeder} over a database: bulk, deterministic synthetic data in one
 * transaction, and reset (drop everything, migrate again).
 *
 * @module
 */
import type { Seeder } from "../../core/admin/seeder.ts";
import type { EntityCounts } from "../../core/admin/schemas.ts";
import type { Database } from "../client.ts";
import { dropAll, migrate } from "../migrate.ts";
import { DOMAIN_TABLES } from "./_tables.ts";
import { generateDataSet } from "./generate.ts";

/** Encrypts a value for storage (the store's SecretBox): seeded addresses are sealed like real ones. */
export type Seal = (plain: string) => Promise<string>;

/** Creates the seeder for `db`. */
export function createSeeder(db: Database, seal: Seal): Seeder {
  return {
    seed: async (plan) => {
      await db.session(async (raw) => {
        await raw.exec("BEGIN");
        try {
          // TRUNCATE fires no row triggers, so the append-only ledger can be replaced wholesale here.
          await raw.exec(`TRUNCATE ${DOMAIN_TABLES.join(", ")} CASCADE`);
          await generateDataSet(raw, plan, seal);
          await raw.exec("COMMIT");
        } catch (error) {
          await raw.exec("ROLLBACK").catch(() => {});
          throw error;
        }
      });
      return await countRows(db);
    },
    recreate: async () => {
      await dropAll(db);
      await migrate(db);
    },
    isEmpty: async () => {
      const rows = await db.session((raw) =>
        raw.query<{ empty: boolean }>("SELECT NOT EXISTS (SELECT 1 FROM users) AS empty")
      );
      return rows[0]?.empty === true;
    },
  };
}

/** Rows per domain table, parents first. */
export async function countRows(db: Database): Promise<EntityCounts> {
  const tables = [...DOMAIN_TABLES].reverse();
  const rows = await db.session((raw) =>
    raw.query<{ k: string; n: string | number }>(
      tables.map((t) => `SELECT '${t}' AS k, count(*) AS n FROM ${t}`).join(" UNION ALL "),
    )
  );
  const counts = new Map(rows.map((r) => [r.k, Number(r.n)]));
  return Object.fromEntries(tables.map((t) => [t, counts.get(t) ?? 0])) as EntityCounts;
}

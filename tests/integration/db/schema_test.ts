import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../../db/schema/mod.ts";
import { migrate, migrationStatus } from "../../../db/migrate.ts";
import { testServices } from "../../_support/services.ts";

Deno.test("drizzle schema - every mirrored column exists in the migrated database with the same nullability", async () => {
  const services = await testServices();
  try {
    const columns = await services.db.rows<
      { table_name: string; column_name: string; is_nullable: string }
    >(
      sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns
          WHERE table_schema = current_schema()`,
    );
    const inDb = new Map(
      columns.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === "YES"]),
    );
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable =>
      v instanceof PgTable
    );
    assert.ok(tables.length >= 13, `expected the mirror to cover the tables, got ${tables.length}`);
    const problems: string[] = [];
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const key = `${config.name}.${column.name}`;
        if (!inDb.has(key)) problems.push(`${key} is not in the database`);
        else if (inDb.get(key) === column.notNull) problems.push(`${key} nullability differs`);
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await services.close();
  }
});

Deno.test("migrations - re-running applies nothing and status lists every file as applied", async () => {
  const services = await testServices();
  try {
    assert.deepEqual(await migrate(services.db), []);
    const status = await migrationStatus(services.db);
    assert.ok(status.length >= 1);
    assert.ok(status.every((m) => m.applied_at !== null), JSON.stringify(status));
  } finally {
    await services.close();
  }
});

Deno.test("constraints - the database itself refuses bad rows", async () => {
  const services = await testServices();
  try {
    const bad = [
      sql`INSERT INTO users (email, role) VALUES ('x@example.com', 'superuser')`,
      sql`INSERT INTO users (email) VALUES ('Upper@Example.com')`,
      sql`INSERT INTO users (email, point_balance) VALUES ('n@example.com', -1)`,
      sql`INSERT INTO drawings (drawing_type, name, ticket_cost_points, drawing_time, ticket_sales_close)
          VALUES ('weekly', 'Bad', 10, now(), now() + interval '1 hour')`,
      sql`INSERT INTO activities (user_id, activity_type, start_time) VALUES (gen_random_uuid(), 'steps', now())`,
    ];
    for (const statement of bad) {
      await assert.rejects(services.db.orm.execute(statement));
    }
    const [row] = await services.db.rows<{ n: string | number }>(
      sql`SELECT count(*) AS n FROM users`,
    );
    assert.equal(Number(row.n), 0);
  } finally {
    await services.close();
  }
});

/**
 * Applies the SQL files in `db/migrations/` in name order, each in its own
 * transaction, under a PostgreSQL advisory lock so that app instances starting
 * together migrate once. A checksum per applied file refuses edited history.
 *
 * @module
 */
import type { Database, RawSession } from "./client.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
/** Arbitrary constant shared by every FitTrack process: "FITTRACK" as digits. */
const MIGRATION_LOCK_KEY = 3482872257;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  name: string;
  applied_at: string | null;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads the migration files shipped with this build. */
export async function readMigrations(): Promise<Migration[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(MIGRATIONS_DIR)) {
    if (entry.isFile && entry.name.endsWith(".sql")) names.push(entry.name);
  }
  names.sort();
  return await Promise.all(names.map(async (name) => {
    const text = await Deno.readTextFile(new URL(name, MIGRATIONS_DIR));
    return { name, sql: text, checksum: await sha256(text) };
  }));
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

async function applied(
  raw: RawSession,
): Promise<Map<string, { checksum: string; applied_at: string }>> {
  await raw.exec(LEDGER);
  const rows = await raw.query<{ name: string; checksum: string; applied_at: Date | string }>(
    "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name",
  );
  return new Map(rows.map((r) => [r.name, {
    checksum: r.checksum,
    applied_at: new Date(r.applied_at).toISOString(),
  }]));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Applies every pending migration; returns the names applied now. */
export async function migrate(db: Database): Promise<string[]> {
  const migrations = await readMigrations();
  return await db.session(async (raw) => {
    if (db.kind === "postgres") await raw.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      const done = await applied(raw);
      const now: string[] = [];
      for (const m of migrations) {
        const previous = done.get(m.name);
        if (previous) {
          if (previous.checksum !== m.checksum) {
            throw new Error(
              `Migration ${m.name} was changed after it was applied; add a new migration instead.`,
            );
          }
          continue;
        }
        await raw.exec(
          `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES (${
            quote(m.name)
          }, ${quote(m.checksum)});\nCOMMIT;`,
        ).catch(async (error) => {
          await raw.exec("ROLLBACK").catch(() => {});
          throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, {
            cause: error,
          });
        });
        now.push(m.name);
      }
      return now;
    } finally {
      if (db.kind === "postgres") {
        await raw.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      }
    }
  });
}

/** Every known migration and when it was applied (null: pending). */
export async function migrationStatus(db: Database): Promise<MigrationStatus[]> {
  const migrations = await readMigrations();
  const done = await db.session(applied);
  return migrations.map((m) => ({
    name: m.name,
    applied_at: done.get(m.name)?.applied_at ?? null,
  }));
}

/** Drops every table of the configured schema (reset). */
export async function dropAll(db: Database): Promise<void> {
  const schema = `"${db.schema}"`;
  await db.session((raw) =>
    raw.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`)
  );
}

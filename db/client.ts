/**
 * Opens the database the settings name: PGlite (embedded, file-backed under
 * FITTRACK_DATA_DIR, or in memory) or a PostgreSQL server via DATABASE_URL.
 * Both speak the same SQL, so one set of migrations and repositories serves both.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { type SQL, sql } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema/mod.ts";
import { preparingParameterizedQueries } from "./prepared_client.ts";
import { acquireDataDirLock, type DataDirLock } from "./data_dir_lock.ts";

export type Schema = typeof schema;
/** The drizzle handle repositories receive: the database itself or an open transaction. */
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly orm: Orm;
  /** The schema tables live in ("public" unless configured). */
  readonly schema: string;
  /** Runs `fn` on one dedicated connection (migrations: session locks, multi-statement text). */
  session<T>(fn: (raw: RawSession) => Promise<T>): Promise<T>;
  /** Runs one statement and returns its rows. */
  rows<T>(query: SQL, orm?: Orm): Promise<T[]>;
  /** The server's version string, e.g. "PostgreSQL 15.19 ...". */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Plain-text SQL on one connection; `exec` accepts several statements. */
export interface RawSession {
  exec(text: string): Promise<void>;
  query<T>(text: string): Promise<T[]>;
}

export interface DatabaseOptions {
  /** postgres:// URL; absent means PGlite. */
  url?: string;
  /** Schema to create and use on PostgreSQL (tests use one per file). */
  schema?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  poolSize?: number;
}

/** Opens (and for PGlite creates) the database. Nothing connects at import time. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? await openPostgres(options.url, options) : await openPglite(options);
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const schemaName = options.schema ?? "public";
  const client = postgres(url, {
    max: options.poolSize ?? 10,
    onnotice: () => {},
    // Every transaction relies on READ COMMITTED (conditional UPDATEs re-check their
    // WHERE on the new row version); pinned here so a server default cannot change it.
    connection: {
      search_path: schemaName,
      TimeZone: "UTC",
      default_transaction_isolation: "read committed",
    },
    connect_timeout: 5,
  });
  if (schemaName !== "public") await client.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`);
  const orm = drizzlePostgres(preparingParameterizedQueries(client), { schema }) as unknown as Orm;
  return {
    kind: "postgres",
    schema: schemaName,
    orm,
    session: async (fn) => {
      const conn = await client.reserve();
      try {
        return await fn({
          exec: async (text) => {
            await conn.unsafe(text);
          },
          query: async <T>(text: string) => [...await conn.unsafe(text)] as T[],
        });
      } finally {
        conn.release();
      }
    },
    rows: async <T>(query: SQL, via?: Orm) => rowsOf<T>(await (via ?? orm).execute(query)),
    version: async () => {
      const [row] = await client`SELECT version() AS version`;
      return String(row.version);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    await Deno.mkdir(options.dataDir, { recursive: true });
    lock = await acquireDataDirLock(options.dataDir);
  }
  let client: PGlite;
  try {
    client = options.dataDir ? new PGlite(`${options.dataDir}/pglite`) : new PGlite();
    await client.waitReady;
    await client.exec("SET TIME ZONE 'UTC'");
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  return {
    kind: "pglite",
    schema: "public",
    orm,
    session: (fn) =>
      fn({
        exec: async (text) => {
          await client.exec(text);
        },
        query: async <T>(text: string) => (await client.query<T>(text)).rows,
      }),
    rows: async <T>(query: SQL, via?: Orm) => rowsOf<T>(await (via ?? orm).execute(query)),
    version: async () => {
      const result = await client.query<{ version: string }>("SELECT version() AS version");
      return `${result.rows[0].version} (PGlite)`;
    },
    close: async () => {
      await client.close();
      await lock?.release();
    },
  };
}

/** The SQLSTATE of a database error, looking through drizzle's wrapper. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    if (typeof e !== "object") break;
  }
  return undefined;
}

/** The constraint a database error names, looking through drizzle's wrapper. */
export function constraintOf(error: unknown): string | undefined {
  for (
    let e = error as
      | { constraint?: unknown; constraint_name?: unknown; cause?: unknown }
      | undefined;
    e && typeof e === "object";
    e = e.cause as never
  ) {
    const name = e.constraint ?? e.constraint_name;
    if (typeof name === "string") return name;
  }
  return undefined;
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P03", // cannot connect now
  "53300", // too many connections
  "3D000", // database does not exist
]);

/** Whether `error` means the database cannot be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e !== "object") break;
    if (typeof e.code === "string" && UNREACHABLE.has(e.code)) return true;
    if (e instanceof Deno.errors.ConnectionRefused) return true;
  }
  return false;
}

export { sql };

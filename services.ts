/**
 * The composition root: builds every adapter from {@link Config} and binds the
 * core operations' dependencies. main.ts, the CLI and the tests all call it.
 *
 * @module
 */
import type { Config } from "./config.ts";
import type { Cache, CoreDeps } from "./core/ports.ts";
import { type Clock, systemClock } from "./core/time/clock.ts";
import { createMemoryCache } from "./db/cache/memory.ts";
import { createRedisCache } from "./db/cache/redis.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { createStore } from "./db/store.ts";
import { createArgon2Hasher } from "./integrations/security/argon2.ts";
import { createLogger, type Logger } from "./integrations/observability/logger.ts";

export interface Readiness {
  status: "ready" | "unavailable";
  checks: {
    database: { ok: boolean; kind: string; version: string | null; error?: string };
    cache: { ok: boolean; kind: string; error?: string };
  };
}

export interface Services {
  config: Config;
  db: Database;
  cache: Cache;
  logger: Logger;
  clock: Clock;
  core: CoreDeps;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  logger?: Logger;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function createServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    dataDir: config.DATABASE_URL
      ? undefined
      : config.FITTRACK_DATA_DIR === ":memory:"
      ? undefined
      : config.FITTRACK_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const cache = config.REDIS_URL
    ? createRedisCache(config.REDIS_URL, config.REDIS_PREFIX)
    : createMemoryCache();
  const store = createStore(db);
  const core: CoreDeps = {
    store,
    clock,
    passwords: createArgon2Hasher(),
    timeZone: config.FITTRACK_TIMEZONE,
  };
  return {
    config,
    db,
    cache,
    logger,
    clock,
    core,
    readiness: async () => {
      const database: Readiness["checks"]["database"] = { ok: false, kind: db.kind, version: null };
      try {
        database.version = await withTimeout(db.version(), 2000);
        database.ok = true;
      } catch (error) {
        database.error = `database unreachable: ${(error as Error).message}`;
      }
      const cacheCheck: Readiness["checks"]["cache"] = { ok: false, kind: cache.kind };
      try {
        await withTimeout(cache.ping(), 2000);
        cacheCheck.ok = true;
      } catch (error) {
        cacheCheck.error = `cache unreachable: ${(error as Error).message}`;
      }
      return {
        status: database.ok && cacheCheck.ok ? "ready" : "unavailable",
        checks: { database, cache: cacheCheck },
      };
    },
    close: async () => {
      await cache.close();
      await db.close();
    },
  };
}

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
import { RedisBoards } from "./db/cache/leaderboard_store.ts";
import { createSecretBox, loadEncryptionKey } from "./integrations/security/cipher.ts";
import { createArgon2Hasher } from "./integrations/security/argon2.ts";
import { createJwtService, type JwtService } from "./integrations/security/jwt.ts";
import { createSecretTokens } from "./integrations/security/tokens.ts";
import { createMailTransport } from "./integrations/mail/mod.ts";
import type { MailTransport } from "./core/mail/outbox.ts";
import { createDrandClient } from "./integrations/drand/client.ts";
import { createLogger, type Logger } from "./integrations/observability/logger.ts";
import {
  checkReadiness,
  type Readiness,
  type SchedulerState,
} from "./integrations/observability/readiness.ts";
import { createMetrics, type Metrics, telemetryOf } from "./integrations/observability/metrics.ts";
import {
  createSentryReporter,
  type ErrorReporter,
  noopReporter,
} from "./integrations/observability/sentry.ts";
import { createTerraRuntime, type TerraRuntime } from "./integrations/terra/runtime.ts";

export interface Services {
  config: Config;
  db: Database;
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
  errors: ErrorReporter;
  clock: Clock;
  core: CoreDeps;
  /** Signs and verifies access tokens; publishes the JWKS. */
  jwt: JwtService;
  /** Delivers outbox mail (console, smtp or sendgrid). */
  mail: MailTransport;
  /** Terra: the live API or the simulated one (TERRA_MODE), behind the tracker gateway. */
  terra: TerraRuntime;
  /** This process's job scheduler (started by jobs/mod.ts). */
  scheduler: SchedulerState;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  logger?: Logger;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
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
  const boards = config.REDIS_URL
    ? new RedisBoards(config.REDIS_URL, config.REDIS_PREFIX, {
      answers: config.LEADERBOARD_CACHE_ENTRIES,
    })
    : null;
  const box = await createSecretBox(
    await loadEncryptionKey({
      base64Key: config.ENCRYPTION_KEY,
      dataDir: config.FITTRACK_DATA_DIR,
    }),
  );
  const scheduler: SchedulerState = { startedAt: null };
  const metrics = createMetrics();
  const store = createStore(db, { timeZone: config.FITTRACK_TIMEZONE, boards, box });
  let jwt: JwtService;
  try {
    jwt = await createJwtService({
      privateKeyPem: config.JWT_PRIVATE_KEY,
      publicKeyPem: config.JWT_PUBLIC_KEY,
      issuer: config.JWT_ISSUER,
      ttlSeconds: config.JWT_ACCESS_TTL_SECONDS,
      dataDir: config.FITTRACK_DATA_DIR,
      isProduction: config.isProduction,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const core: CoreDeps = {
    store,
    clock,
    passwords: createArgon2Hasher(),
    timeZone: config.FITTRACK_TIMEZONE,
    accessTokens: jwt,
    secrets: createSecretTokens(),
    auth: {
      accessTtlSeconds: config.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: config.JWT_REFRESH_TTL_SECONDS,
      excludedStates: config.EXCLUDED_STATES.map((s) => s.toUpperCase()),
      appUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ""),
    },
    telemetry: telemetryOf(metrics),
    beacon: config.DRAND_URL ? createDrandClient({ baseUrl: config.DRAND_URL }) : null,
  };
  const terra = createTerraRuntime(config);
  return {
    config,
    db,
    cache,
    logger,
    metrics,
    errors: config.SENTRY_DSN
      ? createSentryReporter({
        dsn: config.SENTRY_DSN,
        release: config.RELEASE,
        environment: config.APP_ENV,
        onFailure: (e) => logger.warn("error report not sent", { error: String(e) }),
      })
      : noopReporter,
    clock,
    core,
    jwt,
    mail: createMailTransport(config, logger),
    terra,
    scheduler,
    readiness: () => checkReadiness({ db, cache, scheduler, now: () => clock.now() }),
    close: async () => {
      await terra.close();
      await boards?.close();
      await cache.close();
      await db.close();
    },
  };
}

/**
 * Test services from the production composition root. By default each call gets
 * a fresh in-memory PGlite database; with FITTRACK_TEST_DATABASE_URL set, a fresh
 * PostgreSQL schema (dropped on close); with FITTRACK_TEST_REDIS_URL, Redis under
 * a fresh key prefix.
 *
 * @module
 */
import { parseConfig } from "../../config.ts";
import { createApp } from "../../api/app.ts";
import type { Clock } from "../../core/time/clock.ts";
import { periodBounds } from "../../core/time/periods.ts";
import { createServices, type Services } from "../../services.ts";

export const TEST_DATABASE_URL = Deno.env.get("FITTRACK_TEST_DATABASE_URL") || undefined;
export const TEST_REDIS_URL = Deno.env.get("FITTRACK_TEST_REDIS_URL") || undefined;
/**
 * One AES key for every test process: a test and the app or CLI processes it
 * starts must read each other's sealed values. (32 zero-free bytes, base64.)
 */
export const TEST_ENCRYPTION_KEY = "dGVzdC1rZXktZm9yLWZpdHRyYWNrLXRlc3RzLW9ubHk=";

export interface TestContext {
  services: Services;
  app: ReturnType<typeof createApp>;
  /** Calls the app in-process (no port): `request("/api/v1/users")`. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Waits out the platform day's last 2 minutes (which also end its week and month). */
async function clearOfDayEnd(timeZone: string): Promise<void> {
  const now = new Date();
  const left = periodBounds("daily", now, timeZone).end!.getTime() - now.getTime();
  if (left < 120_000) await new Promise((r) => setTimeout(r, left + 1_000));
}

function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

export async function testServices(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<Services> {
  const schema = TEST_DATABASE_URL ? uniqueName("t") : "public";
  const config = parseConfig({
    APP_ENV: "test",
    LOG_LEVEL: "silent",
    FITTRACK_DATA_DIR: ":memory:",
    FITTRACK_JOBS: "false",
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: "5",
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `${uniqueName("fttest")}:`,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    // Tests send hundreds of requests from one address; the limiter has its own tests.
    RATE_LIMIT_PER_MINUTE: "0",
    ...options.env,
  });
  // A real-clock test started at 23:59 could earn on one day and read the next day's boards.
  if (!options.clock) await clearOfDayEnd(config.FITTRACK_TIMEZONE);
  const services = await createServices(config, { clock: options.clock });
  if (!TEST_DATABASE_URL) return services;
  const close = services.close;
  return {
    ...services,
    close: async () => {
      await services.db.session((raw) => raw.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      await close();
    },
  };
}

export async function testContext(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const services = await testServices(options);
  const app = createApp(services);
  return {
    services,
    app,
    request: async (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) headers.set("content-type", "application/json");
      return await app.request(path, {
        ...rest,
        headers,
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    },
    close: () => services.close(),
  };
}

/**
 * What the server does after the database is ready and before it serves:
 * seed an empty embedded database, start the scheduled jobs. Returns a stop
 * function for the background work.
 *
 * @module
 */
import type { Services } from "./services.ts";
import { startJobs } from "./jobs/mod.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedIfEmpty } from "./core/admin/mod.ts";

/** First start: fill an empty database with demo data (never in production). */
async function seedOnFirstStart(services: Services): Promise<void> {
  const { config } = services;
  if (config.isProduction || !config.FITTRACK_SEED_ON_EMPTY) return;
  const stats = await seedIfEmpty(services.core);
  if (stats) {
    services.logger.info("seeded the empty database with demo data", {
      entities: stats.entities,
      duration_ms: stats.duration_ms,
    });
  }
  if (config.APP_ENV === "development") {
    console.log(
      [
        "Demo accounts (development data only):",
        ...DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.email}`),
        `  password ${DEMO_PASSWORD}`,
      ].join("\n"),
    );
  }
}

export async function startup(services: Services): Promise<() => Promise<void>> {
  const stops: (() => Promise<void> | void)[] = [];
  await seedOnFirstStart(services);
  if (services.config.FITTRACK_JOBS) stops.push(startJobs(services));
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

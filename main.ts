/**
 * The server process: read settings, build services (migrating the database),
 * seed an empty embedded database, serve HTTP, run the scheduled jobs, and stop
 * cleanly on SIGINT/SIGTERM.
 *
 * @module
 */
import { ConfigError, loadConfig } from "./config.ts";
import { createApp } from "./api/app.ts";
import { createServices } from "./services.ts";
import { DataDirBusyError } from "./db/data_dir_lock.ts";
import { startup } from "./startup.ts";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  let services;
  try {
    services = await createServices(config);
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      console.error(error.message);
      return 3;
    }
    console.error(`FitTrack could not start: ${(error as Error).message}`);
    return 1;
  }
  const stopBackground = await startup(services);
  const app = createApp(services);
  // The simulated Terra delivers its own webhooks (e.g. deauth) to this app.
  services.terra.bindWebhooks((request) => Promise.resolve(app.fetch(request)));
  const server = Deno.serve({
    port: config.PORT,
    hostname: config.HOST,
    reusePort: config.REUSE_PORT,
    onListen: ({ port }) => {
      const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
      console.log(
        [
          `FitTrack is running (${config.APP_ENV}, database: ${services.db.kind}, cache: ${services.cache.kind})`,
          `  API        ${base}/api/v1`,
          `  API docs   ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
          config.testPageEnabled ? `  Test page  ${base}/test/` : `  Test page  disabled`,
          `  Health     ${base}/health/ready`,
        ].join("\n"),
      );
    },
  }, app.fetch);

  const stop = async () => {
    services.logger.info("shutting down");
    await stopBackground();
    await server.shutdown();
    await services.close();
  };
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      Deno.removeSignalListener("SIGINT", onSignal);
      Deno.removeSignalListener("SIGTERM", onSignal);
      stop().then(resolve, resolve);
    };
    Deno.addSignalListener("SIGINT", onSignal);
    Deno.addSignalListener("SIGTERM", onSignal);
  });
  return 0;
}

if (import.meta.main) Deno.exit(await main());

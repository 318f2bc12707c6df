/**
 * Writes the OpenAPI document to docs/openapi.json (committed and diffed in
 * review). Builds the app on an in-memory database; touches nothing else.
 *
 * @module
 */
import { createApp } from "../api/app.ts";
import { parseConfig } from "../config.ts";
import { createServices } from "../services.ts";

const services = await createServices(
  parseConfig({ APP_ENV: "test", LOG_LEVEL: "silent", FITTRACK_DATA_DIR: ":memory:" }),
);
try {
  const response = await createApp(services).request("/openapi.json");
  const document = await response.json();
  const target = new URL("../docs/openapi.json", import.meta.url);
  await Deno.writeTextFile(target, JSON.stringify(document, null, 2) + "\n");
  const paths = Object.keys(document.paths ?? {}).length;
  console.log(`wrote ${target.pathname} (${paths} paths)`);
} finally {
  await services.close();
}

/**
 * One "app instance" for the T5 test: builds the services on the given
 * PostgreSQL schema and runs the execute-due-drawings tick `ticks` times,
 * printing each summary. The test starts three of these and kills one.
 *
 * @module
 */
import "../../../api/app.ts";
import { parseConfig } from "../../../config.ts";
import { executeDueDrawingsTick } from "../../../jobs/execute_due_drawings.ts";
import { createServices } from "../../../services.ts";
import { TEST_ENCRYPTION_KEY } from "../../_support/services.ts";

const [url, schema, ticks] = Deno.args;
const services = await createServices(
  parseConfig({
    APP_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: "3",
    FITTRACK_DATA_DIR: ":memory:",
    FITTRACK_JOBS: "false",
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  }),
  { migrate: false },
);
try {
  for (let i = 0; i < Number(ticks); i++) {
    console.log(await executeDueDrawingsTick(services, new Date("2100-01-01T00:00:00Z")));
  }
} finally {
  await services.close();
}

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { buildProgram } from "../../../cli/main.ts";
import { testServices } from "../../_support/services.ts";

/** Runs the CLI in-process against the test database's settings. */
async function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; out: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  let code = -1;
  try {
    await buildProgram((c) => (code = c)).parseAsync(["--json", ...args], { from: "user" });
  } catch (error) {
    if ((error as { exitCode?: number }).exitCode !== undefined) {
      code = (error as { exitCode: number }).exitCode;
    }
  } finally {
    console.log = log;
    for (const [k, v] of Object.entries(saved)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
  }
  return { code, out: lines.join("\n") };
}

Deno.test("fittrack jobs list|run - lists the schedule and runs one tick, recorded in job_runs", async () => {
  const services = await testServices();
  const dataDir = await Deno.makeTempDir();
  try {
    const env: Record<string, string> = services.config.DATABASE_URL
      ? {
        DATABASE_URL: services.config.DATABASE_URL,
        DATABASE_SCHEMA: services.config.DATABASE_SCHEMA,
        LOG_LEVEL: "silent",
      }
      : { FITTRACK_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    const list = await cli(env, "jobs", "list");
    assert.equal(list.code, 0);
    assert.ok(JSON.parse(list.out).some((j: { name: string }) => j.name === "deliver_outbox"));
    const run = await cli(env, "jobs", "run", "prune_job_runs");
    assert.equal(run.code, 0, run.out);
    assert.equal(JSON.parse(run.out).status, "ran");
    const unknown = await cli(env, "jobs", "run", "nope");
    assert.equal(unknown.code, 2);
    if (services.config.DATABASE_URL) {
      const rows = await services.db.rows<{ job: string }>(sql`SELECT job FROM job_runs`);
      assert.deepEqual(rows.map((r) => r.job), ["prune_job_runs"]);
    }
  } finally {
    await services.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

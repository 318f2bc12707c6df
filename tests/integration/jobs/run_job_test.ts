import assert from "node:assert/strict";
import { createServices } from "../../../services.ts";
import { runJobOnce } from "../../../jobs/run_job.ts";
import { pruneJobRunsTick } from "../../../jobs/prune_job_runs.ts";
import { sql } from "drizzle-orm";
import { TEST_DATABASE_URL, testServices } from "../../_support/services.ts";

Deno.test("runJobOnce() runs a tick once even when instances race for it", async () => {
  const first = await testServices();
  // On PostgreSQL a second pool on the same schema stands in for a second app instance.
  const second = TEST_DATABASE_URL ? await createServices(first.config) : first;
  try {
    let runs = 0;
    const job = {
      name: "count",
      pattern: "* * * * *",
      description: "counts",
      tick: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 20));
        return "counted";
      },
    };
    const tick = new Date("2026-12-07T10:00:00Z");
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => runJobOnce(i % 2 ? second : first, job, tick)),
    );
    assert.equal(runs, 1);
    assert.equal(outcomes.filter((o) => o.status === "ran").length, 1);
    assert.equal(outcomes.filter((o) => o.status === "skipped").length, 7);
    const [row] = await first.db.rows<{ outcome: string; detail: string }>(
      sql`SELECT outcome, detail FROM job_runs WHERE job = 'count'`,
    );
    assert.deepEqual(row, { outcome: "ok", detail: "counted" });

    const failing = { ...job, name: "boom", tick: () => Promise.reject(new Error("kaput")) };
    assert.deepEqual(await runJobOnce(first, failing, tick), { status: "failed", error: "kaput" });

    const later = new Date(tick.getTime() + 15 * 86_400_000);
    assert.equal(await pruneJobRunsTick(first, later), "pruned 2 job runs");
  } finally {
    if (second !== first) await second.close();
    await first.close();
  }
});

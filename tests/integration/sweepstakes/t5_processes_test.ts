/**
 * T5 of perf-reliability.md §5 across processes: three app processes run the
 * execution tick over 20 due drawings at once, one is killed (SIGKILL) while
 * drawing; every drawing still ends executed exactly once. Needs a PostgreSQL
 * server (an embedded PGlite database can be opened by one process only), so
 * it is defined only when FITTRACK_TEST_DATABASE_URL is set.
 *
 * @module
 */
import assert from "node:assert/strict";
import { TEST_DATABASE_URL, testContext } from "../../_support/services.ts";
import { sql } from "drizzle-orm";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import { verifyProof } from "../../../core/drawings/draw/mod.ts";
import { getLeaves, getProof } from "../../../core/drawings/drawing_results.ts";
import { closedDrawing } from "./_helpers.ts";

const WORKER = new URL("./_t5_worker.ts", import.meta.url).pathname;
const PRIZES = [
  { rank: 1, name: "Watch", value_usd: 250, quantity: 1, fulfillment_type: "physical" as const },
  { rank: 2, name: "Card", value_usd: 25, quantity: 2, fulfillment_type: "digital" as const },
];

function worker(url: string, schema: string, ticks: number) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", WORKER, url, schema, String(ticks)],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

if (TEST_DATABASE_URL) {
  Deno.test("T5 - three processes execute 20 due drawings, one killed mid-run: each exactly once", async () => {
    const t = await testContext();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        ids.push((await closedDrawing(t, { prizes: PRIZES, buyers: 3, each: 2 })).drawing.id);
      }
      const schema = t.services.db.schema;
      const started = performance.now();
      const procs = [0, 1, 2].map(() => worker(TEST_DATABASE_URL!, schema, 3));
      // Kill one as soon as the first result row lands (it is then mid-run).
      for (let i = 0; i < 200; i++) {
        const [{ n }] = await t.services.db.rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM drawing_results`,
        );
        if (Number(n) > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      procs[0].kill("SIGKILL");
      const outputs = await Promise.all(procs.map((p) => p.output()));
      assert.equal(outputs[0].signal, "SIGKILL");
      for (const o of outputs.slice(1)) {
        assert.equal(o.code, 0, new TextDecoder().decode(o.stderr));
      }
      const seconds = (performance.now() - started) / 1000;
      // Whatever the killed process left undone, the next tick finishes.
      const remaining = await t.services.core.store.drawings.dueToExecute(
        new Date("2100-01-01"),
        100,
      );
      for (const id of remaining) await executeDrawing(t.services.core, id);
      const [row] = await t.services.db.rows<
        { results: number; distinct_ids: number; done: number }
      >(
        sql`SELECT (SELECT count(*)::int FROM drawing_results) AS results,
                   (SELECT count(DISTINCT drawing_id)::int FROM drawing_results) AS distinct_ids,
                   (SELECT count(*)::int FROM drawings WHERE status = 'completed') AS done`,
      );
      assert.deepEqual(
        {
          results: Number(row.results),
          distinct: Number(row.distinct_ids),
          done: Number(row.done),
        },
        { results: 20, distinct: 20, done: 20 },
      );
      const [dup] = await t.services.db.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM (SELECT ticket_id FROM prize_fulfillments
            GROUP BY ticket_id HAVING count(*) > 1) d`,
      );
      assert.equal(Number(dup.n), 0);
      for (const id of ids) {
        const leaves = (await getLeaves(t.services.core, id, 1, 1000)).items;
        assert.equal(verifyProof(await getProof(t.services.core, id), leaves).ok, true);
      }
      console.log(
        `T5: 20 drawings by 3 processes (1 killed) in ${seconds.toFixed(1)} s; ` +
          `${remaining.length} left for the next tick`,
      );
    } finally {
      await t.close();
    }
  });
}

/**
 * T14 crash consistency (perf-reliability.md §5): the server process is killed
 * with SIGKILL in the middle of 1,000 concurrent ticket purchases, then started
 * again. Every invariant query must find nothing: balances equal their ledgers,
 * each ticket batch has its debit and each debit its tickets, drawing counts
 * match. Needs a PostgreSQL server (the embedded database is one process's), so
 * it is defined when FITTRACK_TEST_DATABASE_URL is set.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { checkIntegrity } from "../../../core/reports/build_summary.ts";
import { generateRsaPemPair } from "../../../integrations/security/jwt.ts";
import { TEST_DATABASE_URL, TEST_ENCRYPTION_KEY, testContext } from "../../_support/services.ts";
import { fundedUser, openDrawing } from "../sweepstakes/_helpers.ts";

const MAIN = new URL("../../../main.ts", import.meta.url).pathname;

async function rsaPem(): Promise<{ JWT_PRIVATE_KEY: string; JWT_PUBLIC_KEY: string }> {
  const { privateKey, publicKey } = await generateRsaPemPair();
  return { JWT_PRIVATE_KEY: privateKey, JWT_PUBLIC_KEY: publicKey };
}

/** Starts main.ts on the test schema; resolves with the process and its port once it listens. */
async function startServer(env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    env: { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", FITTRACK_JOBS: "false" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!/localhost:(\d+)\/api/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server did not start: ${seen}`);
    seen += value;
  }
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  child.stderr.cancel().catch(() => {});
  return { child, port: Number(/localhost:(\d+)\/api/.exec(seen)![1]) };
}

if (TEST_DATABASE_URL) {
  Deno.test("T14 - SIGKILL during 1,000 concurrent purchases, restart: every invariant holds", async () => {
    const keys = await rsaPem();
    const t = await testContext({ env: keys });
    try {
      const drawing = await openDrawing(t, { ticket_cost_points: 10 });
      const buyers = await Promise.all(Array.from({ length: 20 }, () => fundedUser(t, 400)));
      const env = {
        DATABASE_URL: TEST_DATABASE_URL!,
        DATABASE_SCHEMA: t.services.db.schema,
        RATE_LIMIT_PER_MINUTE: "0",
        FITTRACK_SEED_ON_EMPTY: "false",
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        ...keys,
      };
      const first = await startServer(env);
      let answered = 0;
      const purchases = Array.from(
        { length: 1000 },
        (_, i) =>
          fetch(`http://127.0.0.1:${first.port}/api/v1/drawings/${drawing.id}/tickets`, {
            method: "POST",
            headers: { ...buyers[i % buyers.length].headers, "content-type": "application/json" },
            body: JSON.stringify({ quantity: 1 }),
          }).then(async (r) => {
            await r.body?.cancel();
            answered++;
            return r.status;
          }).catch(() => 0),
      );
      // Kill it mid-burst: some purchases committed, some in flight, some never started.
      while (answered < 150) await new Promise((r) => setTimeout(r, 5));
      first.child.kill("SIGKILL");
      const statuses = await Promise.all(purchases);
      assert.equal((await first.child.status).signal, "SIGKILL");
      const ok = statuses.filter((s) => s === 201).length;
      assert.ok(ok > 0 && ok < 1000, `killed mid-burst (${ok} purchases answered 201)`);

      const second = await startServer(env);
      try {
        const ready = await fetch(`http://127.0.0.1:${second.port}/health/ready`);
        assert.equal(ready.status, 200, await ready.text());
      } finally {
        second.child.kill("SIGTERM");
        await second.child.status;
      }
      const integrity = await checkIntegrity(t.services.core);
      assert.deepEqual(integrity.checks.filter((c) => !c.passed), []);
      const [row] = await t.services.db.rows<{ tickets: number; debits: number; orphans: number }>(
        sql`
        SELECT (SELECT count(*) FROM tickets WHERE drawing_id = ${drawing.id})::int AS tickets,
               (SELECT count(*) FROM point_transactions WHERE reference_id = ${drawing.id}
                  AND transaction_type = 'spend')::int AS debits,
               (SELECT count(*) FROM tickets t WHERE t.drawing_id = ${drawing.id} AND NOT EXISTS
                  (SELECT 1 FROM point_transactions p WHERE p.id = t.purchase_transaction_id))::int AS orphans`,
      );
      assert.equal(row.orphans, 0, "every ticket has its debit");
      assert.equal(
        row.tickets,
        row.debits,
        "one debit per one-ticket purchase, none without tickets",
      );
      assert.ok(row.tickets >= ok, "every purchase answered 201 is in the database");
      console.log(
        `T14: ${ok} purchases answered before the kill, ${row.tickets} committed, invariants hold`,
      );
    } finally {
      await t.close();
    }
  });
}

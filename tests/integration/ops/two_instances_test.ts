/**
 * Scale-out on one machine: two server processes on one PostgreSQL, both
 * running the schedule. Each job tick must run once — one job_runs row per
 * scheduled second — whichever process wins it. Defined when
 * FITTRACK_TEST_DATABASE_URL is set (an embedded database is one process's).
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { TEST_DATABASE_URL, TEST_ENCRYPTION_KEY, testContext } from "../../_support/services.ts";

const MAIN = new URL("../../../main.ts", import.meta.url).pathname;

/** Whether `child` has exited, without waiting for it (a race against a resolved promise cannot tell). */
const exited = new WeakMap<Deno.ChildProcess, boolean>();

function start(env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    env: { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", ...env },
    stdout: "null",
    stderr: "null",
  }).spawn();
  exited.set(child, false);
  child.status.then(() => exited.set(child, true));
  return child;
}

if (TEST_DATABASE_URL) {
  Deno.test("two app processes on one PostgreSQL run each job tick once", async () => {
    const t = await testContext();
    const env = {
      DATABASE_URL: TEST_DATABASE_URL!,
      DATABASE_SCHEMA: t.services.db.schema,
      FITTRACK_SEED_ON_EMPTY: "false",
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      FITTRACK_JOBS: "true",
    };
    const processes = [start(env), start(env)];
    try {
      const deadline = Date.now() + 30_000;
      let rows: { scheduled_for: string; n: number; instances: number }[] = [];
      // process_webhooks ticks every 5 s: wait for three ticks.
      while (Date.now() < deadline) {
        rows = await t.services.db.rows(sql`
          SELECT scheduled_for::text, count(*)::int AS n, count(DISTINCT instance)::int AS instances
          FROM job_runs WHERE job = 'process_webhooks' GROUP BY scheduled_for ORDER BY 1`);
        if (rows.length >= 3) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(rows.length >= 3, `three ticks recorded, got ${rows.length}`);
      assert.ok(rows.every((r) => r.n === 1), "one run per tick");
      const [{ processes: seen }] = await t.services.db.rows<{ processes: number }>(
        sql`SELECT count(DISTINCT instance)::int AS processes FROM job_runs`,
      );
      assert.ok(seen >= 1 && seen <= 2);
      for (const p of processes) {
        assert.equal(exited.get(p), false, "both processes are still serving");
      }
    } finally {
      for (const p of processes) p.kill("SIGTERM");
      await Promise.all(processes.map((p) => p.status));
      await t.close();
    }
  });

  Deno.test("REUSE_PORT: two processes serve one port; when one stops the other still answers", async () => {
    const t = await testContext();
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (probe.addr as Deno.NetAddr).port;
    probe.close();
    const env = {
      DATABASE_URL: TEST_DATABASE_URL!,
      DATABASE_SCHEMA: t.services.db.schema,
      FITTRACK_SEED_ON_EMPTY: "false",
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      FITTRACK_JOBS: "false",
      PORT: String(port),
      REUSE_PORT: "true",
    };
    // A new TCP connection per request, so the kernel picks a listener each time.
    const answers = async (n: number) => {
      let ok = 0;
      for (let i = 0; i < n; i++) {
        try {
          const conn = await Deno.connect({ hostname: "127.0.0.1", port });
          await conn.write(new TextEncoder().encode("GET /health/live HTTP/1.0\r\n\r\n"));
          const head = new TextDecoder().decode(
            await new Response(conn.readable).arrayBuffer(),
          );
          if (head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.0 200")) ok++;
        } catch { /* nobody listening */ }
      }
      return ok;
    };
    const [first, second] = [start(env), start(env)];
    try {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && await answers(1) === 0) {
        await new Promise((r) => setTimeout(r, 200));
      }
      // Give the second process time to bind too (or to fail with "address in use").
      await new Promise((r) => setTimeout(r, 3000));
      for (const p of [first, second]) {
        assert.equal(exited.get(p), false, "both processes listen on the shared port");
      }
      assert.equal(await answers(20), 20);
      first.kill("SIGTERM");
      await first.status;
      assert.equal(await answers(20), 20, "the remaining process answers every request");
    } finally {
      for (const p of [first, second]) {
        try {
          p.kill("SIGTERM");
        } catch { /* already stopped */ }
      }
      await Promise.all([first.status, second.status]);
      await t.close();
    }
  });
}

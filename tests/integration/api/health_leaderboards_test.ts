import assert from "node:assert/strict";
import { expectJson } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

Deno.test("health - ok, live, ready with the database version, 503 once the database is gone", async () => {
  const t = await testContext();
  let closed = false;
  try {
    assert.deepEqual(await expectJson(await t.request("/health"), 200), { status: "ok" });
    await expectJson(await t.request("/health/live"), 200);
    const ready = await expectJson<{ checks: { database: { version: string } } }>(
      await t.request("/health/ready"),
      200,
    );
    assert.match(ready.checks.database.version, /PostgreSQL/);
    await t.services.db.close();
    closed = true;
    const down = await expectJson<{ status: string; checks: { database: { ok: boolean } } }>(
      await t.request("/health/ready"),
      503,
    );
    assert.equal(down.status, "unavailable");
    assert.equal(down.checks.database.ok, false);
  } finally {
    if (closed) await t.services.cache.close();
    else await t.close();
  }
});

Deno.test("health - readiness reports each job's last tick, and 503 when a running scheduler has gone quiet", async () => {
  let now = new Date("2026-12-07T10:00:00Z");
  const t = await testContext({ clock: { now: () => now } });
  try {
    const { runJobOnce } = await import("../../../jobs/run_job.ts");
    await runJobOnce(t.services, {
      name: "deliver_outbox",
      pattern: "* * * * *",
      description: "",
      tick: () => Promise.resolve("sent 0"),
    }, now);
    const ready = await expectJson<
      { checks: { jobs: { ok: boolean; last_runs: Record<string, unknown> } } }
    >(
      await t.request("/health/ready"),
      200,
    );
    assert.ok(ready.checks.jobs.ok);
    assert.ok("deliver_outbox" in ready.checks.jobs.last_runs);
    // This process's scheduler started long ago and nothing has ticked since: not ready.
    t.services.scheduler.startedAt = new Date(now.getTime() - 60 * 60_000);
    now = new Date(now.getTime() + 30 * 60_000);
    const stale = await expectJson<
      { status: string; checks: { jobs: { ok: boolean; error: string } } }
    >(
      await t.request("/health/ready"),
      503,
    );
    assert.equal(stale.checks.jobs.ok, false);
    assert.match(stale.checks.jobs.error, /no job tick/);
  } finally {
    t.services.scheduler.startedAt = null;
    await t.close();
  }
});

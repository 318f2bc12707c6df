/**
 * Redis going away: the app keeps serving (rate limits and caches fall back to
 * the process), /health/ready says the cache is down, and when Redis returns
 * the shared cache is used again. Runs a private redis-server so the machine's
 * shared one is never touched.
 */
import assert from "node:assert/strict";
import { createRedisCache } from "../../../db/cache/redis.ts";
import { expectJson } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";
import { freePort, startRedis } from "../../_support/redis_server.ts";

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

Deno.test("Redis outage - cache falls back in-process, readiness reports it, service continues and recovers", async () => {
  const port = freePort();
  let server = await startRedis(port);
  const url = server.url;
  const t = await testContext({ env: { REDIS_URL: url, RATE_LIMIT_PER_MINUTE: "1000" } });
  const probe = createRedisCache(url, "probe:");
  try {
    await until(async () => (await probe.ping(), true));
    await expectJson(await t.request("/health/ready"), 200);
    assert.equal((await t.services.cache.hit("k", 60)).count, 1);

    await server.stop();
    const down = await expectJson<{ checks: { cache: { ok: boolean; error: string } } }>(
      await t.request("/health/ready"),
      503,
    );
    assert.equal(down.checks.cache.ok, false);
    // Requests still get real answers (the limiter runs on every /api call).
    const started = performance.now();
    const problem = await t.request("/api/v1/drawings");
    assert.equal(problem.status, 401, "served, not a 500");
    await problem.body?.cancel();
    assert.ok(performance.now() - started < 3000, "no hang while Redis is gone");
    assert.equal((await t.services.cache.hit("k", 60)).count, 1, "counted in-process meanwhile");

    server = await startRedis(port);
    await until(async () => (await t.services.cache.ping(), true), 10_000);
    await expectJson(await t.request("/health/ready"), 200);
    // The restarted Redis is empty; what the app counts now, another instance sees.
    assert.equal((await t.services.cache.hit("k", 60)).count, 1);
    const other = createRedisCache(url, t.services.config.REDIS_PREFIX);
    try {
      assert.equal((await other.hit("k", 60)).count, 2, "back on the shared counter");
    } finally {
      await other.close();
    }
  } finally {
    await probe.close();
    await t.close();
    await server.stop().catch(() => {});
  }
});

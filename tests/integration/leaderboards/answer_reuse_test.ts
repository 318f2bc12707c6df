/**
 * A process re-serves a leaderboard answer it already holds only while Redis
 * confirms, in the read's own script call, that neither the board nor any
 * display name changed: proven by counting the sorted-set reads Redis ran, and
 * by writes from a second store (another process) showing on the next read.
 * Needs a private redis-server (its command counts are the test's own).
 *
 * @module
 */
import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { periodKey } from "../../../core/leaderboards/board_keys.ts";
import { getLeaderboard } from "../../../core/leaderboards/get_leaderboard.ts";
import { rebuildLeaderboards } from "../../../core/leaderboards/rebuild_leaderboards.ts";
import type { Leaderboard } from "../../../core/leaderboards/schemas.ts";
import { type BoardRef, RedisBoards } from "../../../db/cache/leaderboard_store.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { authUser } from "../../_support/auth.ts";
import { userInput } from "../../_support/factories.ts";
import { freePort, startRedis } from "../../_support/redis_server.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { earn, userIn } from "./_board.ts";

/** How many ZRANGE calls Redis has run (the board read's page and ±10 are two). */
async function zranges(redis: Redis): Promise<number> {
  const stats = await redis.info("commandstats");
  return Number(/cmdstat_zrange:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

function weekly(t: TestContext, viewerId: string): Promise<Leaderboard> {
  return getLeaderboard(t.services.core, { period: "weekly", limit: 10, viewerId });
}

/** What a reader sees, without the time it was generated. */
function shown(board: Leaderboard) {
  const { generated_at: _, ...rest } = board;
  return rest;
}

function weekRef(t: TestContext, tierCode: string): BoardRef {
  const key = periodKey("weekly", t.services.clock.now(), t.services.config.FITTRACK_TIMEZONE);
  return { period: "weekly", start: key.start, tierCode, endsAt: key.endsAt };
}

async function withRedisContext(
  env: Record<string, string>,
  body: (t: TestContext, url: string, admin: Redis) => Promise<void>,
): Promise<void> {
  const redis = await startRedis(freePort());
  const t = await testContext({ env: { REDIS_URL: redis.url, ...env } });
  const admin = new Redis(redis.url);
  try {
    await body(t, redis.url, admin);
  } finally {
    admin.disconnect();
    await t.close();
    await redis.stop();
  }
}

Deno.test("leaderboard answers - a repeated read is confirmed, not recomputed; another process's earning or rename shows on the next read", async () => {
  await withRedisContext({}, async (t, url, admin) => {
    const me = await userIn(t, { display_name: "Viewer" });
    const rival = await userIn(t, { display_name: "Rival" });
    await earn(t, me.id, 40);
    await earn(t, rival.id, 70);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    const tier = me.profile!.tier_code;

    const first = await weekly(t, me.id);
    assert.equal(first.source, "redis");
    assert.deepEqual(first.me, { rank: 2, points: 40 });
    const before = await zranges(admin);
    const again = await weekly(t, me.id);
    assert.equal(await zranges(admin), before, "a confirmed answer runs no ZRANGE");
    assert.deepEqual(shown(again), shown(first));

    // Another process (its own store, same Redis) writes; this one must not serve its old answer.
    const other = new RedisBoards(url, t.services.config.REDIS_PREFIX);
    try {
      await other.apply({
        upserts: [{
          board: weekRef(t, tier),
          userId: me.id,
          points: 90,
          reachedAt: new Date(),
          displayName: "Viewer",
        }],
        removals: [],
      });
      const moved = await weekly(t, me.id);
      assert.deepEqual(moved.me, { rank: 1, points: 90 });
      assert.deepEqual(moved.rankings.map((r) => r.display_name), ["Viewer", "Rival"]);

      // A rename written for another board (the daily one) still shows on this weekly answer.
      const day = periodKey("daily", t.services.clock.now(), t.services.config.FITTRACK_TIMEZONE);
      const renameOnDaily = () =>
        other.apply({
          upserts: [{
            board: { period: "daily", start: day.start, tierCode: tier, endsAt: day.endsAt },
            userId: rival.id,
            points: 70,
            reachedAt: new Date(),
            displayName: "Rival Renamed",
          }],
          removals: [],
        });
      await renameOnDaily();
      const renamed = await weekly(t, me.id);
      assert.deepEqual(renamed.rankings.map((r) => r.display_name), ["Viewer", "Rival Renamed"]);

      // Rewriting the same name changes nothing a reader sees: the answer stays confirmed.
      await renameOnDaily();
      const settled = await zranges(admin);
      assert.deepEqual(shown(await weekly(t, me.id)), shown(renamed));
      assert.equal(await zranges(admin), settled);

      // Leaving the board (another process removes the rival) shows at once too.
      await other.apply({ upserts: [], removals: [{ board: weekRef(t, tier), userId: rival.id }] });
      const alone = await weekly(t, me.id);
      assert.equal(alone.total_users, 1);
      assert.deepEqual(alone.rankings.map((r) => r.user_id), [me.id]);
    } finally {
      await other.close();
    }
  });
});

Deno.test("leaderboard answers - after Redis loses everything and is reloaded, no answer held from before is served", async () => {
  await withRedisContext({}, async (t, _url, admin) => {
    const me = await userIn(t, { display_name: "Viewer" });
    await earn(t, me.id, 10);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    assert.deepEqual((await weekly(t, me.id)).me, { rank: 1, points: 10 });
    await admin.flushall();
    // Earned while the board is not loaded: PostgreSQL answers, and the reload carries it.
    await earn(t, me.id, 5);
    assert.equal((await weekly(t, me.id)).source, "postgres");
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    const reloaded = await weekly(t, me.id);
    assert.equal(reloaded.source, "redis");
    assert.deepEqual(reloaded.me, { rank: 1, points: 15 });
  });
});

Deno.test("leaderboard answers - LEADERBOARD_CACHE_ENTRIES=0 recomputes every read", async () => {
  await withRedisContext({ LEADERBOARD_CACHE_ENTRIES: "0" }, async (t, _url, admin) => {
    const me = await userIn(t, { display_name: "Viewer" });
    await earn(t, me.id, 10);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    await weekly(t, me.id);
    const before = await zranges(admin);
    const again = await weekly(t, me.id);
    assert.equal(again.source, "redis");
    assert.equal(await zranges(admin), before + 2, "page and ±10 read again");
  });
});

Deno.test("leaderboard answers - over HTTP a re-served answer is the same JSON with a new generated_at, and changes show", async () => {
  await withRedisContext({}, async (t, _url, admin) => {
    const viewer = await authUser(t, "user");
    // Same defaults as authUser(), so the same tier.
    const rival = await createUser(t.services.core, userInput({ display_name: "Rival" }));
    assert.equal(rival.profile!.tier_code, viewer.user.profile!.tier_code);
    await earn(t, viewer.user.id, 30);
    await earn(t, rival.id, 20);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    const path = "/api/v1/leaderboards/weekly?limit=1";
    const get = async () => {
      const response = await t.request(path, { headers: viewer.headers });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      return await response.json() as Leaderboard;
    };
    const first = await get();
    assert.equal(first.source, "redis");
    assert.ok(first.next_cursor, "a further page exists");
    await new Promise((r) => setTimeout(r, 5));
    const before = await zranges(admin);
    const again = await get();
    assert.equal(await zranges(admin), before, "re-served, not re-read");
    assert.deepEqual(shown(again), shown(first));
    assert.notEqual(again.generated_at, first.generated_at);
    assert.ok(!Number.isNaN(Date.parse(again.generated_at)));
    await earn(t, rival.id, 50);
    const after = await get();
    assert.deepEqual(after.rankings.map((r) => [r.display_name, r.points]), [["Rival", 70]]);
    assert.deepEqual(after.me, { rank: 2, points: 30 });
  });
});

/**
 * The Redis copy against PostgreSQL (perf-reliability.md §5 T6, T8). Each test
 * starts its own redis-server on a free port, so it can be killed and
 * restarted without touching anyone else's Redis; the database is the usual
 * test database (PGlite, or PostgreSQL with FITTRACK_TEST_DATABASE_URL).
 */
import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { getLeaderboard } from "../../../core/leaderboards/get_leaderboard.ts";
import { rebuildLeaderboards } from "../../../core/leaderboards/rebuild_leaderboards.ts";
import { periodKey } from "../../../core/leaderboards/board_keys.ts";
import type { Leaderboard } from "../../../core/leaderboards/schemas.ts";
import { PERIODS } from "../../../core/time/periods.ts";
import { boardReadQuery, toBoardRead } from "../../../db/repos/leaderboards_sql.ts";
import type { User } from "../../../core/users/schemas.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { earn, pause, userIn } from "./_board.ts";
import { freePort, type RedisProcess, startRedis } from "../../_support/redis_server.ts";

/** The same board straight from the PostgreSQL rollups (no Redis). */
async function fromPostgres(
  t: TestContext,
  period: typeof PERIODS[number],
  tier: string,
  viewer: string,
) {
  const key = periodKey(period, t.services.clock.now(), t.services.config.FITTRACK_TIMEZONE);
  const query = {
    period,
    start: key.start,
    tierCode: tier,
    limit: 100,
    offset: 0,
    after: null,
    viewerId: viewer,
    around: 10,
  };
  return toBoardRead(query, await t.services.db.rows(boardReadQuery(query)));
}

async function fromStore(
  t: TestContext,
  period: typeof PERIODS[number],
  tier: string,
  viewer: string,
) {
  return await getLeaderboard(t.services.core, {
    period,
    tierCode: tier,
    limit: 100,
    viewerId: viewer,
  });
}

/** Reads until Redis answers (it loads a board in the background after a restart). */
async function untilRedis(read: () => Promise<Leaderboard>): Promise<Leaderboard> {
  for (let i = 0; i < 100; i++) {
    const board = await read();
    if (board.source === "redis") return board;
    await pause(50);
  }
  throw new Error("Redis never answered");
}

async function burst(t: TestContext, users: string[], count: number, seed: number) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const jobs = Array.from(
    { length: count },
    () => ({ user: users[next() % users.length], amount: 1 + (next() % 50) }),
  );
  for (let i = 0; i < jobs.length; i += 25) {
    await Promise.all(jobs.slice(i, i + 25).map((j) => earn(t, j.user, j.amount)));
  }
}

Deno.test("leaderboards (T6) - Redis and PostgreSQL agree after concurrent earnings through a Redis kill and restart", async () => {
  const redis = await startRedis(freePort());
  let restarted: RedisProcess | null = null;
  const t = await testContext({ env: { REDIS_URL: redis.url } });
  try {
    const tiers = [{}, { biological_sex: "male" as const }];
    const users: User[] = [];
    for (let i = 0; i < 40; i++) {
      users.push(await userIn(t, { display_name: `Runner ${i}`, ...tiers[i % 2] }));
    }
    const ids = users.map((u) => u.id);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });

    await burst(t, ids, 200, 1);
    const live = await fromStore(t, "weekly", users[0].profile!.tier_code, ids[0]);
    assert.equal(live.source, "redis", "boards are served from Redis");
    const sqlLive = await fromPostgres(t, "weekly", users[0].profile!.tier_code, ids[0]);
    assert.deepEqual(live.rankings, sqlLive.rankings);

    await redis.stop(); // Redis gone mid-run: earnings commit, boards answer from PostgreSQL
    await burst(t, ids, 150, 2);
    const down = await fromStore(t, "weekly", users[0].profile!.tier_code, ids[0]);
    assert.equal(down.source, "postgres");

    restarted = await startRedis(Number(new URL(redis.url).port)); // back, and empty
    await burst(t, ids, 150, 3);

    // Every board and every member's rank: Redis answers exactly what PostgreSQL does.
    const compareAll = async (waitForRedis: boolean) => {
      for (const user of users.slice(0, 2)) {
        const tier = user.profile!.tier_code;
        for (const period of PERIODS) {
          for (const viewer of users.filter((u) => u.profile!.tier_code === tier)) {
            const read = () => fromStore(t, period, tier, viewer.id);
            const cached = waitForRedis ? await untilRedis(read) : await read();
            assert.equal(cached.source, "redis");
            const sql = await fromPostgres(t, period, tier, viewer.id);
            assert.equal(cached.total_users, sql.total);
            assert.deepEqual(cached.rankings, sql.rankings);
            assert.deepEqual(
              cached.me,
              sql.me,
              `${period} rank of ${viewer.profile!.display_name}`,
            );
            assert.deepEqual(cached.around_me, sql.around_me);
          }
        }
      }
    };
    await compareAll(true);
    // Once reloaded, live after-commit writes alone keep Redis exact.
    await burst(t, ids, 200, 4);
    await compareAll(false);
    const total = (await fromPostgres(t, "alltime", users[0].profile!.tier_code, ids[0])).rankings
      .reduce((sum, r) => sum + r.points, 0);
    assert.ok(total > 0);
  } finally {
    await t.close();
    await (restarted ?? redis).stop().catch(() => {});
  }
});

Deno.test("leaderboards - with Redis unreachable from the start, earnings commit and boards answer from PostgreSQL", async () => {
  const t = await testContext({ env: { REDIS_URL: `redis://127.0.0.1:${freePort()}` } });
  try {
    const a = await userIn(t, { display_name: "Offline" });
    await earn(t, a.id, 75);
    const board = await fromStore(t, "daily", a.profile!.tier_code, a.id);
    assert.equal(board.source, "postgres");
    assert.deepEqual(board.me, { rank: 1, points: 75 });
  } finally {
    await t.close();
  }
});

Deno.test("leaderboards (T8) - keys expire one period after the period ends; a new week starts empty, last week stays in SQL", async () => {
  const redis = await startRedis(freePort());
  const t = await testContext({ env: { REDIS_URL: redis.url } });
  const client = new Redis(redis.url, { keyPrefix: t.services.config.REDIS_PREFIX });
  try {
    const a = await userIn(t, { display_name: "Weekly" });
    await earn(t, a.id, 30);
    const now = Date.now();
    const zone = t.services.config.FITTRACK_TIMEZONE;
    const tier = a.profile!.tier_code;
    const retention = { daily: 1, weekly: 7, monthly: 31 } as const;
    for (const period of ["daily", "weekly", "monthly"] as const) {
      const key = periodKey(period, new Date(now), zone);
      const ttl = await client.ttl(`lb:${period}:${key.start}:${tier}`);
      const limit = (key.endsAt!.getTime() - now) / 1000 + retention[period] * 86_400;
      assert.ok(ttl > 0 && ttl <= limit + 1, `${period} ttl ${ttl} <= ${limit}`);
    }
    assert.equal(await client.ttl(`lb:alltime:1970-01-01:${tier}`), -1, "all time never expires");

    const week = periodKey("weekly", new Date(now), zone);
    const nextWeek = { ...t.services.core, clock: { now: () => week.endsAt! } };
    const fresh = await getLeaderboard(nextWeek, { period: "weekly", tierCode: tier, limit: 10 });
    assert.equal(fresh.total_users, 0, "the new week's board starts empty");
    assert.equal(fresh.period_start, week.endsAt!.toISOString());
    const lastMoment = {
      ...t.services.core,
      clock: { now: () => new Date(week.endsAt!.getTime() - 1000) },
    };
    const last = await getLeaderboard(lastMoment, { period: "weekly", tierCode: tier, limit: 10 });
    assert.deepEqual(last.rankings.map((r) => [r.display_name, r.points]), [["Weekly", 30]]);
  } finally {
    client.disconnect();
    await t.close();
    await redis.stop();
  }
});

Deno.test("leaderboards - points show on the Redis board as soon as the earning commits (no cache lag)", async () => {
  const redis = await startRedis(freePort());
  const t = await testContext({ env: { REDIS_URL: redis.url } });
  try {
    const a = await userIn(t, { display_name: "Fresh" });
    const b = await userIn(t, { display_name: "Rival" });
    await earn(t, b.id, 100);
    await rebuildLeaderboards(t.services.core, { fromLedger: false });
    const tier = a.profile!.tier_code;
    for (const [amount, rank, points] of [[60, 2, 60], [60, 1, 120], [5, 1, 125]] as const) {
      await earn(t, a.id, amount);
      const now = await fromStore(t, "weekly", tier, a.id);
      assert.equal(now.source, "redis");
      assert.deepEqual(now.me, { rank, points });
    }
    // Cursor pages from Redis: the row after the cursor, ranked on from it.
    const core = t.services.core;
    const first = await getLeaderboard(core, { period: "weekly", tierCode: tier, limit: 1 });
    assert.equal(first.source, "redis");
    assert.deepEqual(first.rankings.map((r) => [r.rank, r.display_name]), [[1, "Fresh"]]);
    const second = await getLeaderboard(core, {
      period: "weekly",
      tierCode: tier,
      limit: 1,
      cursor: first.next_cursor!,
    });
    assert.equal(second.source, "redis");
    assert.deepEqual(second.rankings.map((r) => [r.rank, r.display_name]), [[2, "Rival"]]);
    assert.equal(second.next_cursor, null);
  } finally {
    await t.close();
    await redis.stop();
  }
});

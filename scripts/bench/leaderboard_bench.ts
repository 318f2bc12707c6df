/**
 * Leaderboard benchmark (issue 5): seeds N users across the 31 tiers with a
 * week of earnings on PostgreSQL, then measures over real HTTP with wrk (50
 * connections) the weekly board with `me` and `around_me`: served from Redis,
 * served from PostgreSQL alone, and the same server's /health/live as the
 * baseline; plus the plan's own ledger-aggregation query on the same data and
 * the time to earn points for 10,000 users concurrently.
 *
 * Flags: --users N (default 1000000), --duration S (10), --connections N (50),
 * --earners N (10000), --instances N (server processes sharing the port, 1),
 * --keep-schema NAME (seed into NAME once, keep it, and reuse it on later runs),
 * --database-url URL (else DATABASE_URL or
 * FITTRACK_TEST_DATABASE_URL), --redis-url URL (else REDIS_URL or
 * FITTRACK_TEST_REDIS_URL). Needs `wrk` on PATH (Debian package wrk).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { sql } from "drizzle-orm";
import { EnvSchema, parseConfig } from "../../config.ts";
import { periodKey } from "../../core/leaderboards/board_keys.ts";
import { rebuildLeaderboards } from "../../core/leaderboards/rebuild_leaderboards.ts";
import { postLedgerEntry } from "../../core/points/adjust_points.ts";
import { TIER_CODES } from "../../core/tiers/tier_code.ts";
import { ledgerBoardQuery } from "../../db/repos/leaderboards_sql.ts";
import { createLogger } from "../../integrations/observability/logger.ts";
import { createServices, type Services } from "../../services.ts";

export interface LeaderboardBenchRow {
  case: string;
  requests_per_second: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  note: string;
}

import { generateRsaPemPair } from "../../integrations/security/jwt.ts";

import { runWrk, type WrkResult } from "./_wrk.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const WARM_UP_SECONDS = 6;

function log(message: string): void {
  console.error(`[leaderboard bench] ${message}`);
}

async function timed<T>(
  label: string,
  fn: () => Promise<T>,
): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
}

/** Users, profiles (tier k = i mod 31, facts matching the tier) and a week of earn entries. */
export async function seed(services: Services, users: number, now: Date): Promise<void> {
  const zone = services.config.FITTRACK_TIMEZONE;
  const weekStart = periodKey("weekly", now, zone).startsAt!;
  const tiers = sql.raw(`ARRAY[${TIER_CODES.map((t) => `'${t}'`).join(",")}]`);
  const db = services.db;
  await db.rows(sql`INSERT INTO users (id, email, role, status, email_verified)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
           'bench' || i || '@bench.fittrack.dev', 'user', 'active', true
      FROM generate_series(1, ${users}) i`);
  await db.rows(sql`INSERT INTO profiles (user_id, display_name, date_of_birth, state,
      biological_sex, age_bracket, fitness_level, open_tier, tier_code)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Runner ' || i,
           make_date(2001 - 10 * ((k % 15) / 3), 1 + i % 12, 1 + i % 28), 'CA',
           CASE WHEN k < 15 THEN 'male' ELSE 'female' END,
           (ARRAY['18-29','30-39','40-49','50-59','60+'])[1 + (k % 15) / 3],
           (ARRAY['beginner','intermediate','advanced'])[1 + k % 3],
           k = 30, (${tiers})[k + 1]
      FROM (SELECT i, i % 31 AS k FROM generate_series(1, ${users}) i) s`);
  // Two earnings in the last seven days and one since Monday 00:00, per user.
  const span = Math.max(1, Math.floor((now.getTime() - weekStart.getTime()) / 1000) - 1);
  await db.rows(sql`INSERT INTO point_transactions (user_id, transaction_type, amount,
      balance_after, description, created_at)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'earn', a, a,
           'bench earning', t
      FROM (SELECT i, 1 + (random() * 400)::int AS a,
                   ${now.toISOString()}::timestamptz - random() * interval '7 days' AS t
              FROM generate_series(1, ${users}) i, generate_series(1, 2) n
            UNION ALL
            SELECT i, 1 + (random() * 400)::int,
                   ${weekStart.toISOString()}::timestamptz + (random() * ${span}) * interval '1 second'
              FROM generate_series(1, ${users}) i) e`);
  await db.rows(sql`UPDATE users u SET point_balance = s.total, points_earned_total = s.total
    FROM (SELECT user_id, sum(amount)::int AS total FROM point_transactions GROUP BY user_id) s
   WHERE s.user_id = u.id`);
  await db.rows(sql`ANALYZE`);
}

async function wrk(
  url: string,
  path: string,
  tokensFile: string,
  options: { connections: number; duration: number; sequential?: boolean },
): Promise<WrkResult> {
  const pinned = await hasTaskset();
  const args = [
    ...(pinned ? ["-c", "1", "wrk"] : []),
    "-t1",
    `-c${options.connections}`,
    `-d${options.duration}s`,
    "-s",
    `${ROOT}scripts/bench/leaderboard_wrk.lua`,
    url,
  ];
  return await runWrk(pinned ? "taskset" : "wrk", args, {
    LB_TOKENS: tokensFile,
    LB_PATH: path,
    LB_SEQUENTIAL: options.sequential ? "1" : "0",
  });
}

let tasksetAvailable: boolean | undefined;
async function hasTaskset(): Promise<boolean> {
  if (tasksetAvailable !== undefined) return tasksetAvailable;
  try {
    tasksetAvailable = (await new Deno.Command("taskset", { args: ["-c", "0", "true"] }).output())
      .success;
  } catch {
    tasksetAvailable = false;
  }
  return tasksetAvailable;
}

/** The environment without any variable the app reads as configuration. */
function withoutAppSettings(env: Record<string, string>): Record<string, string> {
  const settings = new Set(Object.keys(EnvSchema.shape));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !settings.has(name)));
}

/**
 * Starts main.ts and waits for /health/live: one process pinned to core 0 when
 * taskset exists, or `instances` processes sharing the port (REUSE_PORT), unpinned.
 */
async function startServer(env: Record<string, string>, port: number, instances = 1) {
  const pinned = instances === 1 && await hasTaskset();
  const args = ["run", "--allow-all", "--unstable-net", `${ROOT}main.ts`];
  const children = Array.from(
    { length: instances },
    () =>
      new Deno.Command(pinned ? "taskset" : Deno.execPath(), {
        args: pinned ? ["-c", "0", Deno.execPath(), ...args] : args,
        // Only `env` configures the server: a REDIS_URL in the caller's shell must not turn
        // the "PostgreSQL only" case into a Redis one.
        clearEnv: true,
        env: {
          ...withoutAppSettings(Deno.env.toObject()),
          ...env,
          PORT: String(port),
          HOST: "127.0.0.1",
          REUSE_PORT: String(instances > 1),
        },
        stdout: "null",
        stderr: "inherit",
      }).spawn(),
  );
  for (let i = 0; i < 300; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      await response.body?.cancel();
      if (response.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    stop: async () => {
      for (const child of children) child.kill("SIGTERM");
      await Promise.all(children.map((child) => child.status));
    },
  };
}

/** One request before measuring: a benchmark of error answers measures nothing. */
async function probe(url: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`probe ${url}: ${response.status} ${text}`);
}

function row(name: string, r: WrkResult, note: string): LeaderboardBenchRow {
  return {
    case: name,
    requests_per_second: r.requests / r.seconds,
    p50_ms: r.p50,
    p95_ms: r.p95,
    p99_ms: r.p99,
    errors: r.errors + r.non2xx,
    note,
  };
}

/** The plan's ledger query (top 100 + the caller's rank), `concurrency` at a time. */
async function ledgerBaseline(
  services: Services,
  now: Date,
  viewers: { id: string; tier: string }[],
  seconds: number,
): Promise<LeaderboardBenchRow> {
  const week = periodKey("weekly", now, services.config.FITTRACK_TIMEZONE);
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const viewer = viewers[next++ % viewers.length];
      const started = performance.now();
      const q = { tierCode: viewer.tier, from: week.startsAt, until: week.endsAt, limit: 100 };
      await Promise.all([
        services.db.rows(ledgerBoardQuery(q)),
        services.db.rows(
          sql`SELECT rank FROM (${
            ledgerBoardQuery({ ...q, limit: 10_000_000 })
          }) r WHERE user_id = ${viewer.id}::uuid`,
        ),
      ]);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 5 }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    case: "weekly board from the ledger (plan's query, SQL only)",
    requests_per_second: latencies.length / elapsed,
    p50_ms: pct(0.5),
    p95_ms: pct(0.95),
    p99_ms: pct(0.99),
    errors: 0,
    note: `${latencies.length} queries, 5 at a time`,
  };
}

/** Deletes the bench's Redis keys (everything under its own prefix). */
async function dropKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (found.length > 0) await redis.del(...found);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function leaderboardBench(argv: string[]): Promise<LeaderboardBenchRow[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: "string", default: "1000000" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      earners: { type: "string", default: "10000" },
      instances: { type: "string", default: "1" },
      "keep-schema": { type: "string" },
      "database-url": { type: "string" },
      "redis-url": { type: "string" },
    },
    strict: false,
  });
  const users = Number(values.users);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const earners = Math.min(Number(values.earners), users);
  const instances = Number(values.instances);
  const databaseUrl = (values["database-url"] as string | undefined) ??
    Deno.env.get("DATABASE_URL") ?? Deno.env.get("FITTRACK_TEST_DATABASE_URL");
  const redisUrl = (values["redis-url"] as string | undefined) ?? Deno.env.get("REDIS_URL") ??
    Deno.env.get("FITTRACK_TEST_REDIS_URL");
  if (!databaseUrl || !redisUrl) {
    throw new Error(
      "leaderboard bench needs PostgreSQL and Redis: pass --database-url and --redis-url",
    );
  }
  // --keep-schema NAME seeds NAME once and keeps it: a later run (same week) measures
  // without paying the seed again.
  const kept = values["keep-schema"] as string | undefined;
  const schema = kept ?? `bench_lb_${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const prefix = `${schema}:`;
  const keys = await generateRsaPemPair();
  const base = {
    APP_ENV: "development",
    LOG_LEVEL: "error",
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: "20",
    FITTRACK_DATA_DIR: await Deno.makeTempDir({ prefix: "fittrack-bench-" }),
    FITTRACK_JOBS: "false",
    FITTRACK_SEED_ON_EMPTY: "false",
    FEATURE_HTML_TEST_PAGE: "false",
    JWT_PRIVATE_KEY: keys.privateKey,
    JWT_PUBLIC_KEY: keys.publicKey,
    JWT_ACCESS_TTL_SECONDS: "3600",
    // wrk is one address standing in for thousands of users: the per-address limit would
    // measure 429s. The leaderboards' own 60/min per-user limit stays on (5,000 users).
    RATE_LIMIT_PER_MINUTE: "0",
  };
  const services = await createServices(
    parseConfig({ ...base, REDIS_URL: redisUrl, REDIS_PREFIX: prefix }),
    { logger: createLogger("error", console.error) },
  );
  const rows: LeaderboardBenchRow[] = [];
  const tokensFile = await Deno.makeTempFile({ suffix: ".tokens" });
  const emptyFile = await Deno.makeTempFile({ suffix: ".none" });
  try {
    const now = new Date();
    const [{ seededBefore }] = await services.db.rows<{ seededBefore: boolean }>(
      sql`SELECT EXISTS (SELECT 1 FROM users) AS "seededBefore"`,
    );
    const skip = { value: { rollup_rows: 0 }, seconds: 0 };
    const seeded = seededBefore
      ? { value: undefined, seconds: 0 }
      : await timed(`seed ${users} users`, () => seed(services, users, now));
    const rollups = seededBefore ? skip : await timed(
      "rollups from the ledger",
      () => rebuildLeaderboards(services.core, { fromLedger: true }),
    );
    // Steady state: autovacuum (aggressive on this table, migration 0006) keeps the
    // visibility map fresh, so rank counts are index-only scans.
    await services.db.rows(sql`VACUUM ANALYZE leaderboard_scores`);
    const redis = await timed(
      "Redis sorted sets from the rollups",
      () => rebuildLeaderboards(services.core, { fromLedger: false }),
    );
    rows.push({
      case: "setup (seconds in p50_ms column)",
      requests_per_second: 0,
      p50_ms: seeded.seconds,
      p95_ms: rollups.seconds,
      p99_ms: redis.seconds,
      errors: 0,
      note: (seededBefore
        ? `reused schema ${schema} (seeded by an earlier run)`
        : `seed ${users} users / rollups ${rollups.value.rollup_rows} rows`) +
        ` / Redis ${redis.value.redis_members} members`,
    });

    const viewers = await services.db.rows<{ id: string; tier: string; email: string }>(
      sql`SELECT u.id, p.tier_code AS tier, u.email FROM users u JOIN profiles p ON p.user_id = u.id
          ORDER BY random() LIMIT 5000`,
    );
    const tokens = await Promise.all(viewers.map((v) =>
      services.jwt.sign(
        { sub: v.id, email: v.email, role: "user", sid: crypto.randomUUID() },
        new Date(),
      )
    ));
    await Deno.writeTextFile(tokensFile, tokens.join("\n") + "\n");
    // Top 10 + me + ±10: what the test page shows (the full top 100 is measured separately).
    const path = "/api/v1/leaderboards/weekly?limit=10";
    const opts = { connections, duration };
    const port = 18000 + Math.floor(Math.random() * 1000);

    log("HTTP with Redis");
    let server = await startServer(
      { ...base, REDIS_URL: redisUrl, REDIS_PREFIX: prefix },
      port,
      instances,
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      await probe(`${url}${path}`, tokens[0]);
      // Warm-up: every token at least once (the server remembers verified tokens, as it does
      // for real users). 3 s was too short: a cold server verifies 5,000 RS256 tokens slowly.
      await wrk(url, path, tokensFile, {
        connections,
        duration: WARM_UP_SECONDS,
        sequential: true,
      });
      rows.push(
        row(
          "/health/live (same server)",
          await wrk(url, "/health/live", emptyFile, opts),
          "baseline",
        ),
      );
      rows.push(
        row("weekly board + me + around_me, Redis", await wrk(url, path, tokensFile, opts), ""),
      );
    } finally {
      await server.stop();
    }
    log("HTTP with PostgreSQL only");
    server = await startServer({ ...base, REDIS_PREFIX: prefix }, port + 1, instances);
    try {
      const url = `http://127.0.0.1:${port + 1}`;
      await probe(`${url}${path}`, tokens[1]);
      await wrk(url, path, tokensFile, {
        connections,
        duration: WARM_UP_SECONDS,
        sequential: true,
      });
      rows.push(
        row(
          "weekly board + me + around_me, PostgreSQL only",
          await wrk(url, path, tokensFile, opts),
          "",
        ),
      );
    } finally {
      await server.stop();
    }
    log("ledger baseline");
    rows.push(await ledgerBaseline(services, now, viewers, duration));

    log(`earn for ${earners} users concurrently`);
    const earnerIds = await services.db.rows<{ id: string }>(
      sql`SELECT id FROM users ORDER BY random() LIMIT ${earners}`,
    );
    const earned = await timed(`earn ${earners}`, async () => {
      let next = 0;
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (next < earnerIds.length) {
          const user = earnerIds[next++].id;
          await postLedgerEntry(services.core, {
            user_id: user,
            transaction_type: "earn",
            amount: 25,
            description: "bench earning",
          });
        }
      }));
    });
    rows.push({
      case: `earn points for ${earners} users (32 at a time, ledger + 4 rollups + Redis)`,
      requests_per_second: earners / earned.seconds,
      p50_ms: earned.seconds * 1000,
      p95_ms: 0,
      p99_ms: 0,
      errors: 0,
      note: `total ${earned.seconds.toFixed(2)} s (in p50_ms column: ms)`,
    });
  } finally {
    await Deno.remove(tokensFile).catch(() => {});
    await Deno.remove(emptyFile).catch(() => {});
    if (!kept) {
      await services.db.session((raw) => raw.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    }
    await services.close();
    if (!kept) await dropKeys(redisUrl, prefix);
  }
  return rows;
}

if (import.meta.main) {
  const rows = await leaderboardBench(Deno.args);
  console.log(JSON.stringify(rows, null, 2));
}

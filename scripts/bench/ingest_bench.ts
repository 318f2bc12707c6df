/**
 * Webhook ingestion benchmark (issue 4) on PostgreSQL: N users (default
 * 10,000) each with a Terra connection; every user gets one signed `daily`
 * delivery (→ a steps and an active-minutes activity) and one signed
 * `activity` delivery (→ a workout). The deliveries go through the real route
 * over loopback HTTP (signature check, record, acknowledge), then the webhook
 * processor turns them into activities and ledger rows. End to end = first
 * POST to last ledger row. The same activity and ledger rows are then written
 * again with plain multi-row INSERTs in the same run, for comparison. As in
 * production, the webhook processor runs while the deliveries arrive.
 *
 * Flags: --users N (10000), --http-concurrency N (32), --workers N (4),
 * --batch-size N (events per transaction, 200),
 * --database-url URL (else DATABASE_URL or FITTRACK_TEST_DATABASE_URL).
 * The load generator runs in a separate process (this file with --generate):
 * it shares the cores with the server and PostgreSQL, not the event loop.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createApp } from "../../api/app.ts";
import { parseConfig } from "../../config.ts";
import { processWebhookEvents } from "../../core/ingest/process_webhook_events.ts";
import { activities, pointTransactions } from "../../db/schema/mod.ts";
import { createLogger } from "../../integrations/observability/logger.ts";
import { decodeTerraEvent } from "../../integrations/terra/normalize.ts";
import { signTerraPayload } from "../../integrations/terra/signature.ts";
import { dataEvent, terraActivity, terraDaily } from "../../integrations/terra/sim_payloads.ts";
import { createServices, type Services } from "../../services.ts";
import { GENERATE_FLAG, inChildProcess, serveGenerator } from "./_generator.ts";

export interface IngestBenchRow {
  case: string;
  value: number;
  unit: string;
  note: string;
}

function log(message: string): void {
  console.error(`[ingest bench] ${message}`);
}

async function setUp(services: Services, users: number): Promise<string[]> {
  await services.db.rows(sql`
    INSERT INTO users (email, status, email_verified)
    SELECT 'bench' || i || '@bench.fittrack.dev', 'active', true FROM generate_series(1, ${users}) AS i`);
  await services.db.rows(sql`
    INSERT INTO profiles (user_id, display_name, date_of_birth, state, biological_sex,
                          age_bracket, fitness_level, tier_code)
    SELECT id, 'Bench ' || left(id::text, 8), '1990-01-01', 'CA', 'female', '30-39',
           'intermediate', 'F-30-39-INT' FROM users`);
  const rows = await services.db.rows<{ terra: string }>(sql`
    INSERT INTO tracker_connections (user_id, provider, terra_user_id, is_primary, status)
    SELECT id, 'fitbit', 'bench-' || id::text, true, 'active' FROM users
    RETURNING terra_user_id AS terra`);
  return rows.map((r) => r.terra);
}

function deliveries(terraUsers: string[], now: Date): { body: string; trace: string }[] {
  const date = now.toISOString().slice(0, 10);
  const out: { body: string; trace: string }[] = [];
  for (const id of terraUsers) {
    const user = {
      user_id: id,
      provider: "GOOGLE_HEALTH",
      reference_id: null,
      active: true,
      scopes: null,
      created_at: now.toISOString(),
      last_webhook_update: null,
    };
    out.push({
      trace: `bench-daily-${id}`,
      body: JSON.stringify(dataEvent("daily", user, [
        terraDaily({ date, steps: 8000, minutes: { light: 30, moderate: 25, vigorous: 10 } }),
      ])),
    });
    out.push({
      trace: `bench-activity-${id}`,
      body: JSON.stringify(dataEvent("activity", user, [
        terraActivity({
          summaryId: `run-${id}`,
          start: new Date(`${date}T00:00:00Z`).toISOString(),
          minutes: { moderate: 30 },
        }),
      ])),
    });
  }
  return out;
}

interface PostInput {
  url: string;
  secret: string;
  terraUsers: string[];
  /** ISO instant the deliveries are dated at. */
  now: string;
  concurrency: number;
}

interface PostResult {
  ok: number;
  errors: number;
  /** Epoch ms (sub-ms precision) of the first POST and after the last answer. */
  startedAt: number;
  finishedAt: number;
}

const epochMs = () => performance.timeOrigin + performance.now();

/** The load generator (runs in its own process): signs and POSTs every delivery. */
async function post(input: PostInput): Promise<PostResult> {
  const items = deliveries(input.terraUsers, new Date(input.now));
  let ok = 0, errors = 0, next = 0;
  const startedAt = epochMs();
  await Promise.all(Array.from({ length: input.concurrency }, async () => {
    for (let i = next++; i < items.length; i = next++) {
      const { body, trace } = items[i];
      const signature = await signTerraPayload(input.secret, body, Date.now() / 1000);
      const response = await fetch(input.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "terra-signature": signature,
          "x-terra-trace-id": trace,
          "x-terra-ordering-timestamp": String(Date.now()),
        },
        body,
      });
      await response.body?.cancel();
      if (response.status === 200) ok++;
      else errors++;
    }
  }));
  return { ok, errors, startedAt, finishedAt: epochMs() };
}

async function count(services: Services, table: string): Promise<number> {
  const [row] = await services.db.rows<{ n: string }>(
    sql.raw(`SELECT count(*) AS n FROM ${table}`),
  );
  return Number(row.n);
}

/** Re-inserts the run's activity and ledger rows with multi-row INSERTs; returns seconds. */
async function plainInserts(services: Services): Promise<{ seconds: number; rows: number }> {
  const orm = services.db.orm;
  const acts = await orm.select().from(activities);
  const ledger = await orm.select().from(pointTransactions);
  const started = performance.now();
  for (let i = 0; i < acts.length; i += 1000) {
    await orm.insert(activities).values(
      acts.slice(i, i + 1000).map(({ id: _, ...a }) => ({
        ...a,
        externalId: `${a.externalId}:plain`,
      })),
    );
  }
  for (let i = 0; i < ledger.length; i += 1000) {
    await orm.insert(pointTransactions).values(
      ledger.slice(i, i + 1000).map(({ id: _, ...p }) => p),
    );
  }
  return { seconds: (performance.now() - started) / 1000, rows: acts.length };
}

export async function ingestBench(args: string[]): Promise<IngestBenchRow[]> {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: "string", default: "10000" },
      "http-concurrency": { type: "string", default: "32" },
      workers: { type: "string", default: "4" },
      "batch-size": { type: "string", default: "200" },
      "database-url": { type: "string" },
    },
    strict: false,
  });
  const databaseUrl = String(
    values["database-url"] ?? Deno.env.get("DATABASE_URL") ??
      Deno.env.get("FITTRACK_TEST_DATABASE_URL") ?? "",
  );
  if (!databaseUrl) {
    log("skipped: needs PostgreSQL (--database-url, DATABASE_URL or FITTRACK_TEST_DATABASE_URL)");
    return [];
  }
  const users = Number(values.users);
  const workers = Number(values.workers);
  const schema = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const services = await createServices(
    parseConfig({
      APP_ENV: "test",
      LOG_LEVEL: "error",
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: String(Math.max(10, workers + 8)),
      FITTRACK_DATA_DIR: ":memory:",
      FITTRACK_JOBS: "false",
      FITTRACK_SEED_ON_EMPTY: "false",
      RATE_LIMIT_PER_MINUTE: "0",
    }),
    { logger: createLogger("error", console.error) },
  );
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createApp(services).fetch,
  );
  try {
    log(`creating ${users} users with connections`);
    const terraUsers = await setUp(services, users);
    const url = `http://127.0.0.1:${server.addr.port}/api/v1/webhooks/terra`;
    log(
      `posting ${2 * terraUsers.length} signed deliveries from a separate process, ` +
        `processing meanwhile with ${workers} workers, batches of ${values["batch-size"]}`,
    );
    // As in production (the webhook job ticks every 5 s), processing runs while
    // deliveries arrive; it stops after a pass that began once every POST had
    // been acknowledged (so every event was recorded) and found nothing due.
    let posting = true;
    const processing = (async () => {
      for (;;) {
        const final = !posting;
        const s = await processWebhookEvents(services.core, {
          decode: decodeTerraEvent,
          limit: 2000,
          concurrency: workers,
          batchSize: Number(values["batch-size"]),
        });
        if (s.processed + s.parked + s.ignored + s.failed > 0) continue;
        if (final) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let received: PostResult;
    try {
      received = await inChildProcess<PostInput, PostResult>(import.meta.filename!, {
        url,
        secret: services.config.TERRA_WEBHOOK_SECRET,
        terraUsers,
        now: new Date().toISOString(),
        concurrency: Number(values["http-concurrency"]),
      });
    } finally {
      posting = false;
    }
    await processing;
    const done = epochMs();
    const acts = await count(services, "activities");
    const ledgerRows = await count(services, "point_transactions");
    const pending = await count(services, "webhook_events WHERE status <> 'processed'");
    const e2e = (done - received.startedAt) / 1000;
    log("plain inserts of the same rows");
    const plain = await plainInserts(services);
    const plainRate = (plain.rows + ledgerRows) / plain.seconds;
    const e2eRate = acts / e2e;
    return [
      {
        case: `webhook receive (signed, recorded, acknowledged), ${users} users`,
        value: Math.round(received.ok / ((received.finishedAt - received.startedAt) / 1000)),
        unit: "deliveries/s",
        note: `${received.ok} ok, ${received.errors} errors`,
      },
      {
        case: "webhook end to end: POST → activities + ledger rows",
        value: Math.round(e2eRate),
        unit: "activities/s",
        note: `${acts} activities, ${ledgerRows} ledger rows, ${pending} unprocessed, ` +
          `${e2e.toFixed(1)} s (last ledger row ` +
          `${((done - received.finishedAt) / 1000).toFixed(1)} s after the last acknowledgement)`,
      },
      {
        case: "plain multi-row INSERTs of the same activity + ledger rows",
        value: Math.round(plain.rows / plain.seconds),
        unit: "activities/s",
        note: `${plainRate.toFixed(0)} rows/s incl. ledger; end to end is ` +
          `${(100 * e2eRate / (plain.rows / plain.seconds)).toFixed(1)}% of it`,
      },
    ];
  } finally {
    await server.shutdown();
    await services.db.session((raw) => raw.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await services.close();
  }
}

if (import.meta.main && Deno.args.includes(GENERATE_FLAG)) {
  await serveGenerator(post);
} else if (import.meta.main) {
  for (const row of await ingestBench(Deno.args)) console.log(JSON.stringify(row));
}

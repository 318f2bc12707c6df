/**
 * Sweepstakes benchmark (issue 6):
 *  1. ticket purchases per second over real HTTP on PostgreSQL with N
 *     concurrent buyers (default 100), each looping POST /drawings/{id}/tickets
 *     for a fixed time: all into one drawing (its row is the numbering lock)
 *     and spread over 10 drawings;
 *  2. fitdraw-v1 execution (leaf hashes, Merkle root, key, selection) and
 *     verification of a drawing of 1,000,000 tickets, in memory.
 *
 * Flags: --buyers N (100), --seconds S (10), --tickets N (1000000),
 * --database-url URL (else DATABASE_URL or FITTRACK_TEST_DATABASE_URL).
 * The load generator runs in a separate process (this file with --generate), so
 * it shares the machine's cores with the server but not its event loop.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { parseConfig } from "../../config.ts";
import { createApp } from "../../api/app.ts";
import { createDrawing } from "../../core/drawings/drawing_operations.ts";
import { transitionDrawing } from "../../core/drawings/transition_drawing.ts";
import {
  buildProof,
  type ProofLeaf,
  pseudonymizer,
  verifyProof,
} from "../../core/drawings/draw/mod.ts";
import { postLedgerEntry } from "../../core/points/adjust_points.ts";
import { createUser } from "../../core/users/user_operations.ts";
import { createLogger } from "../../integrations/observability/logger.ts";
import { createServices, type Services } from "../../services.ts";
import { GENERATE_FLAG, inChildProcess, serveGenerator } from "./_generator.ts";

export interface PurchaseBenchRow {
  case: string;
  value: number;
  unit: string;
  p50_ms: number | null;
  p99_ms: number | null;
  note: string;
}

function log(message: string): void {
  console.error(`[purchase bench] ${message}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;
}

async function buyers(services: Services, count: number) {
  const out: { id: string; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(services.core, {
      email: `bench${i}.${crypto.randomUUID().slice(0, 8)}@example.com`,
      role: "user",
      status: "active",
      display_name: `Buyer ${i}`,
      date_of_birth: "1990-01-01",
      state: "CA",
      biological_sex: "female",
      fitness_level: "intermediate",
      open_tier: false,
    });
    await postLedgerEntry(services.core, {
      user_id: user.id,
      transaction_type: "adjust",
      amount: 100_000_000,
      description: "bench funding",
    });
    const token = await services.jwt.sign(
      { sub: user.id, email: user.email, role: user.role, sid: crypto.randomUUID() },
      new Date(),
    );
    out.push({ id: user.id, token });
  }
  return out;
}

async function openDrawings(services: Services, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = await createDrawing(services.core, {
      drawing_type: "daily",
      name: `Bench drawing ${i}`,
      ticket_cost_points: 1,
      drawing_time: "2099-01-02T00:00:00Z",
      ticket_sales_close: "2099-01-01T00:00:00Z",
      eligibility: {},
      prizes: [{ rank: 1, name: "Prize", value_usd: 10, quantity: 1, fulfillment_type: "digital" }],
    });
    await transitionDrawing(services.core, d.id, "scheduled");
    await transitionDrawing(services.core, d.id, "open");
    ids.push(d.id);
  }
  return ids;
}

interface LoadInput {
  base: string;
  tokens: string[];
  drawingIds: string[];
  seconds: number;
}

interface LoadResult {
  ok: number;
  errors: number;
  p50: number;
  p99: number;
}

/** The load generator (runs in its own process): every buyer loops POSTing one ticket. */
async function load({ base, tokens, drawingIds, seconds }: LoadInput): Promise<LoadResult> {
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let ok = 0, errors = 0;
  await Promise.all(tokens.map(async (token, i) => {
    const url = `${base}/api/v1/drawings/${drawingIds[i % drawingIds.length]}/tickets`;
    const init = {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ quantity: 1 }),
    };
    while (performance.now() < end) {
      const started = performance.now();
      const response = await fetch(url, init);
      await response.body?.cancel();
      latencies.push(performance.now() - started);
      if (response.status === 201) ok++;
      else if (errors++ === 0) log(`first error: ${response.status}`);
    }
  }));
  latencies.sort((a, b) => a - b);
  return { ok, errors, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** Runs {@link load} in a separate process, so it does not share the server's event loop. */
function loadElsewhere(input: LoadInput): Promise<LoadResult> {
  return inChildProcess<LoadInput, LoadResult>(import.meta.filename!, input);
}

async function httpCases(databaseUrl: string, count: number, seconds: number) {
  const schema = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const services = await createServices(
    parseConfig({
      APP_ENV: "test",
      LOG_LEVEL: "error",
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: "20",
      FITTRACK_DATA_DIR: ":memory:",
      FITTRACK_JOBS: "false",
      FITTRACK_SEED_ON_EMPTY: "false",
      // One loopback address sends everything: the per-address limit would measure itself.
      RATE_LIMIT_PER_MINUTE: "0",
    }),
    { logger: createLogger("error", console.error) },
  );
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createApp(services).fetch,
  );
  const rows: PurchaseBenchRow[] = [];
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    log(`creating ${count} buyers`);
    const people = await buyers(services, count);
    for (const spread of [1, 10]) {
      const ids = await openDrawings(services, spread);
      const tokens = people.map((p) => p.token);
      await loadElsewhere({ base, tokens: tokens.slice(0, 10), drawingIds: ids, seconds: 1 }); // warm-up
      log(`${count} buyers into ${spread} drawing(s) for ${seconds} s`);
      const r = await loadElsewhere({ base, tokens, drawingIds: ids, seconds });
      rows.push({
        case: `purchase over HTTP, ${count} buyers, ${spread} drawing${spread > 1 ? "s" : ""}`,
        value: Math.round(r.ok / seconds),
        unit: "purchases/s",
        p50_ms: r.p50,
        p99_ms: r.p99,
        note: `${r.ok} ok, ${r.errors} errors`,
      });
    }
  } finally {
    await server.shutdown();
    await services.db.session((raw) => raw.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await services.close();
  }
  return rows;
}

function drawCases(tickets: number): PurchaseBenchRow[] {
  const pseudonym = pseudonymizer(crypto.getRandomValues(new Uint8Array(32)));
  const owners = Array.from(
    { length: Math.max(1, Math.floor(tickets / 100)) },
    () => crypto.randomUUID(),
  );
  const leaves: ProofLeaf[] = Array.from({ length: tickets }, (_, i) => ({
    ticket_number: i + 1,
    ticket_id: crypto.randomUUID(),
    pseudonym: pseudonym(owners[i % owners.length]),
  }));
  const input = {
    drawingId: crypto.randomUUID(),
    seed: crypto.getRandomValues(new Uint8Array(32)),
    leaves,
    prizes: [{ rank: 1, quantity: 1 }, { rank: 2, quantity: 3 }, { rank: 3, quantity: 10 }],
    perUserCap: 1,
    alternates: 14,
  };
  log(`executing fitdraw-v1 over ${tickets} tickets`);
  let started = performance.now();
  const proof = buildProof(input);
  const execute = (performance.now() - started) / 1000;
  log(`verifying`);
  started = performance.now();
  const verdict = verifyProof(JSON.parse(JSON.stringify(proof)), leaves);
  const verify = (performance.now() - started) / 1000;
  if (!verdict.ok) throw new Error(`verification failed: ${verdict.problems.join("; ")}`);
  return [
    {
      case: `fitdraw-v1 execute, ${tickets} tickets`,
      value: execute,
      unit: "s",
      p50_ms: null,
      p99_ms: null,
      note: "leaf hashes + Merkle root + key + selection (14 winners, 14 alternates)",
    },
    {
      case: `fitdraw-v1 verify, ${tickets} tickets`,
      value: verify,
      unit: "s",
      p50_ms: null,
      p99_ms: null,
      note: "from the proof JSON and the leaf list",
    },
  ];
}

/** Runs both parts; rows for the bench table. */
export async function purchaseBench(args: string[]): Promise<PurchaseBenchRow[]> {
  const { values } = parseArgs({
    args,
    strict: false,
    options: {
      buyers: { type: "string" },
      seconds: { type: "string" },
      tickets: { type: "string" },
      "database-url": { type: "string" },
    },
  });
  const url = (values["database-url"] as string | undefined) ?? Deno.env.get("DATABASE_URL") ??
    Deno.env.get("FITTRACK_TEST_DATABASE_URL");
  const rows = drawCases(Number(values.tickets ?? 1_000_000));
  if (url) {
    rows.unshift(
      ...await httpCases(url, Number(values.buyers ?? 100), Number(values.seconds ?? 10)),
    );
  } else {
    log(
      "no PostgreSQL URL (--database-url, DATABASE_URL, FITTRACK_TEST_DATABASE_URL): HTTP part skipped",
    );
  }
  return rows;
}

if (import.meta.main && Deno.args.includes(GENERATE_FLAG)) {
  await serveGenerator(load);
} else if (import.meta.main) {
  for (const r of await purchaseBench(Deno.args)) {
    const latency = r.p50_ms === null
      ? ""
      : ` p50 ${r.p50_ms.toFixed(1)} ms, p99 ${r.p99_ms!.toFixed(1)} ms;`;
    console.log(
      `${r.case}: ${r.unit === "s" ? r.value.toFixed(2) : r.value} ${r.unit};${latency} ${r.note}`,
    );
  }
}

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
 * --database-url URL (else DATABASE_URL or FITTRACK_TEST_DATABASE_URL),
 * --generator wrk|deno (wrk when it is on PATH).
 * The load comes from a separate process: `wrk -t1 -cN` (purchase_wrk.lua,
 * one request line per buyer, round robin), which costs far less CPU than a
 * Deno fetch loop on the same cores, or that loop (this file with --generate).
 * With wrk, GET /health/live on the same server and connections is measured
 * first, as the ceiling of the HTTP stack on this machine at this moment.
 * After each case the bench checks its own consistency (every balance equals
 * its ledger sum; per drawing, total = rows = highest number = debits) and
 * fails on any non-2xx answer.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
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
import { runWrk, wrkOnPath, type WrkResult } from "./_wrk.ts";

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

/** Runs wrk (one thread, `connections` connections) over the request lines in `file`. */
async function wrk(
  base: string,
  file: string,
  options: { connections: number; seconds: number },
): Promise<WrkResult> {
  return await runWrk("wrk", [
    "-t1",
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "-s",
    new URL("./purchase_wrk.lua", import.meta.url).pathname,
    base,
  ], { PB_REQUESTS: file });
}

/** Writes wrk's request lines ("METHOD PATH TOKEN") to a temporary file. */
async function requestFile(lines: string[]): Promise<string> {
  const file = await Deno.makeTempFile({ prefix: "purchase_bench_", suffix: ".txt" });
  await Deno.writeTextFile(file, lines.join("\n") + "\n");
  return file;
}

/** The ledger and ticket invariants after a run; the failures (empty when all hold). */
async function consistency(services: Services, drawingIds: string[]): Promise<string[]> {
  const db = services.db;
  const [users] = await db.rows<{ bad: number }>(sql`SELECT count(*)::int AS bad FROM users u
     WHERE u.point_balance <> (SELECT coalesce(sum(amount), 0) FROM point_transactions t
                                WHERE t.user_id = u.id)`);
  const drawings = await db.rows<
    { id: string; total: number; n: number; top: number | null; spends: number }
  >(sql`SELECT d.id, d.total_tickets AS total,
              (SELECT count(*)::int FROM tickets t WHERE t.drawing_id = d.id) AS n,
              (SELECT max(ticket_number) FROM tickets t WHERE t.drawing_id = d.id) AS top,
              (SELECT count(*)::int FROM point_transactions p
                WHERE p.reference_id = d.id AND p.transaction_type = 'spend') AS spends
         FROM drawings d WHERE d.id = ANY(${`{${drawingIds.join(",")}}`}::uuid[])`);
  const out: string[] = [];
  if (Number(users.bad) > 0) out.push(`${users.bad} users whose balance is not their ledger sum`);
  for (const d of drawings) {
    const [total, n, top, spends] = [d.total, d.n, d.top ?? 0, d.spends].map(Number);
    if (total !== n || top !== n) {
      out.push(`drawing ${d.id}: total ${total}, ${n} rows, top ${top}`);
    }
    if (spends !== n) out.push(`drawing ${d.id}: ${spends} debits for ${n} one-ticket purchases`);
  }
  return out;
}

/** Tickets sold so far in `drawingIds`. */
async function sold(services: Services, drawingIds: string[]): Promise<number> {
  const [row] = await services.db.rows<{ n: number }>(
    sql`SELECT coalesce(sum(total_tickets), 0)::int AS n FROM drawings
         WHERE id = ANY(${`{${drawingIds.join(",")}}`}::uuid[])`,
  );
  return Number(row.n);
}

/** Tickets sold in `drawingIds` once the purchases still in flight have landed. */
async function settled(services: Services, drawingIds: string[]): Promise<number> {
  for (let last = -1;;) {
    const now = await sold(services, drawingIds);
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function httpCases(
  databaseUrl: string,
  count: number,
  seconds: number,
  generator: "wrk" | "deno",
) {
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
  const files: string[] = [];
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    log(`creating ${count} buyers; load by ${generator}`);
    const people = await buyers(services, count);
    if (generator === "wrk") {
      const health = await requestFile(["GET /health/live -"]);
      files.push(health);
      await wrk(base, health, { connections: count, seconds: 2 }); // warm-up
      const r = await wrk(base, health, { connections: count, seconds });
      rows.push({
        case: `GET /health/live (same server), ${count} connections`,
        value: Math.round(r.requests / r.seconds),
        unit: "requests/s",
        p50_ms: r.p50,
        p99_ms: r.p99,
        note: `baseline; ${r.errors} socket errors, ${r.non2xx} non-2xx`,
      });
    }
    for (const spread of [1, 10]) {
      const ids = await openDrawings(services, spread);
      const name = `purchase over HTTP, ${count} buyers, ${spread} drawing${spread > 1 ? "s" : ""}`;
      if (generator === "wrk") {
        const file = await requestFile(
          people.map((p, i) => `POST /api/v1/drawings/${ids[i % spread]}/tickets ${p.token}`),
        );
        files.push(file);
        await wrk(base, file, { connections: count, seconds: 1 }); // warm-up
        log(`${count} buyers into ${spread} drawing(s) for ${seconds} s (wrk)`);
        const before = await settled(services, ids);
        const r = await wrk(base, file, { connections: count, seconds });
        const after = await settled(services, ids);
        const ok = r.requests - r.non2xx;
        const problems = await consistency(services, ids);
        // Purchases still in flight when wrk stops commit without being counted.
        if (after - before < ok || after - before > ok + count) {
          problems.push(`${after - before} tickets sold, wrk counted ${ok} answers 2xx`);
        }
        if (problems.length > 0) throw new Error(`${name}: ${problems.join("; ")}`);
        rows.push({
          case: name,
          value: Math.round(ok / r.seconds),
          unit: "purchases/s",
          p50_ms: r.p50,
          p99_ms: r.p99,
          note: `${ok} ok, ${r.non2xx} non-2xx, ${r.errors} socket errors; ledger = balances, ` +
            `tickets gapless`,
        });
        if (r.non2xx + r.errors > 0) throw new Error(`${name}: errors: ${JSON.stringify(r)}`);
      } else {
        const tokens = people.map((p) => p.token);
        await loadElsewhere({ base, tokens: tokens.slice(0, 10), drawingIds: ids, seconds: 1 }); // warm-up
        log(`${count} buyers into ${spread} drawing(s) for ${seconds} s (Deno fetch loop)`);
        const r = await loadElsewhere({ base, tokens, drawingIds: ids, seconds });
        const problems = await consistency(services, ids);
        if (problems.length > 0) throw new Error(`${name}: ${problems.join("; ")}`);
        rows.push({
          case: name,
          value: Math.round(r.ok / seconds),
          unit: "purchases/s",
          p50_ms: r.p50,
          p99_ms: r.p99,
          note: `${r.ok} ok, ${r.errors} errors; ledger = balances, tickets gapless`,
        });
      }
    }
  } finally {
    await server.shutdown();
    for (const file of files) await Deno.remove(file).catch(() => {});
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
      generator: { type: "string" },
    },
  });
  const url = (values["database-url"] as string | undefined) ?? Deno.env.get("DATABASE_URL") ??
    Deno.env.get("FITTRACK_TEST_DATABASE_URL");
  const rows = drawCases(Number(values.tickets ?? 1_000_000));
  if (url) {
    const asked = values.generator as string | undefined;
    if (asked !== undefined && asked !== "wrk" && asked !== "deno") {
      throw new RangeError(`Cannot run the purchase bench: unknown generator "${asked}"`);
    }
    const generator = asked ?? (await wrkOnPath() ? "wrk" : "deno");
    rows.unshift(
      ...await httpCases(
        url,
        Number(values.buyers ?? 100),
        Number(values.seconds ?? 10),
        generator,
      ),
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

/**
 * `deno task load`: the plan's Locust scenario as a bounded TypeScript load
 * generator against a running FitTrack (loopback by default). Each virtual user
 * logs in once with a seeded account, then loops: weekly leaderboard (weight 3),
 * drawings (2), buy one ticket in an open drawing (1), waiting 1-3 s between
 * tasks. Prints p50/p95/p99, throughput and error rate per task, and the
 * server's memory over the run (from /metrics).
 *
 *   TRUST_PROXY=true deno task start   # or a PostgreSQL + Redis deployment
 *   deno task load -- --users 500 --duration 60
 *
 * Each virtual user sends its own client address in X-Forwarded-For, as nginx
 * would: run the target with TRUST_PROXY=true and every limit stays on.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Http1Answer, Http1Connection, indexOf } from "./http1.ts";
import { wrkOnPath } from "../bench/_wrk.ts";
import { runScenario, type ScenarioResult, taskRows } from "./wrk_engine.ts";

const { values } = parseArgs({
  args: Deno.args.filter((a) => a !== "--"),
  options: {
    url: { type: "string", default: "http://127.0.0.1:8000" },
    users: { type: "string", default: "200" },
    duration: { type: "string", default: "60" },
    "think-min": { type: "string", default: "1000" },
    "think-max": { type: "string", default: "3000" },
    "admin-email": { type: "string", default: "admin@fittrack.dev" },
    password: { type: "string", default: "FitTrack-Demo-2026!" },
    "metrics-token": { type: "string" },
    engine: { type: "string", default: "deno" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "deno task load -- [--url URL] [--users N] [--duration S] [--think-min MS] [--think-max MS]\n" +
      "                  [--engine deno|wrk] [--metrics-token T]\n" +
      "  --engine deno (default): one keep-alive HTTP/1.1 connection per virtual user, latency\n" +
      "  per task; wrk: the same mix played by Debian's wrk (its think-time timers cost about\n" +
      "  half a core at 5,000 connections on this machine).",
  );
  Deno.exit(0);
}
const base = new URL(values.url!);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) {
  console.error("load tests target loopback only");
  Deno.exit(2);
}
const vus = Number(values.users);
let deadline = 0; // set once every virtual user has logged in
const thinkMin = Number(values["think-min"]);
const thinkMax = Number(values["think-max"]);

interface Sample {
  task: string;
  ms: number;
  status: number;
  /** When the answer came (epoch ms): the soak report groups samples by minute. */
  at: number;
}
const samples: Sample[] = [];

async function call(
  task: string,
  path: string,
  init: RequestInit & { token?: string; json?: unknown; parse?: boolean; text?: boolean } = {},
) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const started = performance.now();
  let status = 0;
  let body: unknown = null;
  let text = "";
  try {
    const response = await fetch(new URL(path, base), {
      ...init,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(30_000),
    });
    status = response.status;
    // Read every answer whole, as a browser would; parse only those the script uses.
    if (init.parse) body = await response.json().catch(() => null);
    else if (init.text) text = await response.text();
    else await response.arrayBuffer();
  } catch {
    status = 0;
  }
  if (task) samples.push({ task, ms: performance.now() - started, status, at: Date.now() });
  return { status, body: body as Record<string, unknown>, text };
}

/** Leaderboard answers by where they came from (the body's `source`), counted by the client. */
const boardSources = { redis: 0, postgres: 0 };

/** A distinct client address per virtual user, as nginx would forward it (target: TRUST_PROXY=true). */
function addressOf(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function loginAs(email: string, n: number): Promise<string | null> {
  // The service caps logins per second (Argon2 is expensive): wait and retry when told to.
  for (let attempt = 0; attempt < 10; attempt++) {
    const { status, body } = await call("login", "/api/v1/auth/login", {
      method: "POST",
      headers: { "x-forwarded-for": addressOf(n) },
      json: { email, password: values.password },
      parse: true,
    });
    if (status === 200) return String(body.access_token);
    if (status !== 429) return null;
    await sleep(1000 + Math.random() * 2000);
  }
  return null;
}

async function accounts(adminToken: string, wanted: number): Promise<string[]> {
  const emails: string[] = [];
  for (let page = 1; emails.length < wanted; page++) {
    const { status, body } = await call(
      "",
      `/api/v1/admin/users?per_page=100&page=${page}&filter[status]=active`,
      { token: adminToken, parse: true },
    );
    const items = (body?.items ?? []) as { email: string; role: string }[];
    if (status !== 200 || items.length === 0) break;
    emails.push(...items.filter((u) => u.role !== "admin").map((u) => u.email));
  }
  return emails.slice(0, wanted);
}

/** The server's resident memory from /metrics (null when unreachable). */
async function scrapeRss(): Promise<number | null> {
  const headers: Record<string, string> = values["metrics-token"]
    ? { authorization: `Bearer ${values["metrics-token"]}` }
    : {};
  try {
    const text = await (await fetch(new URL("/metrics", base), { headers })).text();
    const rss = Number(/^process_resident_memory_bytes (\d+(?:\.\d+)?)/m.exec(text)?.[1] ?? NaN);
    return Number.isNaN(rss) ? null : rss;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(thinkMin + Math.random() * (thinkMax - thinkMin));

const REDIS_SOURCE = new TextEncoder().encode('"source":"redis"');

async function virtualUser(n: number, token: string, drawingId: string | null): Promise<void> {
  // The measured loop speaks HTTP/1.1 on its own keep-alive connection (see http1.ts).
  const conn = new Http1Connection(base);
  const common = `authorization: Bearer ${token}\r\nx-forwarded-for: ${addressOf(n)}\r\n` +
    `host: ${base.host}`;
  // As the test page's Leaderboard Viewer asks: a page of 10, plus me and ±10 around me.
  const board = `GET /api/v1/leaderboards/weekly?per_page=10 HTTP/1.1\r\n${common}`;
  const list = `GET /api/v1/drawings HTTP/1.1\r\n${common}`;
  const buy = `POST /api/v1/drawings/${drawingId}/tickets HTTP/1.1\r\n${common}\r\n` +
    "content-type: application/json";
  const timed = async (task: string, head: string, body?: string) => {
    const started = performance.now();
    let answer: Http1Answer | null = null;
    try {
      answer = await conn.request(head, body);
    } catch { /* counted as status 0; the next request reconnects */ }
    samples.push({
      task,
      ms: performance.now() - started,
      status: answer?.status ?? 0,
      at: Date.now(),
    });
    return answer;
  };
  await sleep(Math.random() * thinkMax); // spread the start
  while (Date.now() < deadline) {
    const roll = Math.random() * 6;
    if (roll < 3) {
      const answer = await timed("leaderboard", board);
      if (Date.now() < deadline && answer?.status === 200) {
        boardSources[indexOf(answer.body, REDIS_SOURCE) >= 0 ? "redis" : "postgres"]++;
      }
    } else if (roll < 5 || !drawingId) await timed("drawings", list);
    else await timed("buy_ticket", buy, '{"quantity":1}');
    await think();
  }
  conn.close();
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const admin = await loginAs(values["admin-email"]!, 0);
if (!admin) {
  console.error(`could not log in as ${values["admin-email"]} at ${base}`);
  Deno.exit(1);
}
const emails = await accounts(admin, vus);
console.error(`logging in ${vus} virtual users over ${emails.length} seeded accounts…`);
const loginsStarted = performance.now();
const tokens: string[] = [];
for (let i = 0; i < emails.length; i += 16) {
  const batch = await Promise.all(emails.slice(i, i + 16).map((e, j) => loginAs(e, i + j + 1)));
  tokens.push(...batch.filter((t): t is string => t !== null));
}
console.error(
  `${tokens.length} logged in after ${((performance.now() - loginsStarted) / 1000).toFixed(1)} s`,
);
if (tokens.length === 0) {
  console.error("no account could log in (seed the target first: deno task cli -- db seed)");
  Deno.exit(1);
}
const open = await call("", "/api/v1/drawings?filter[status]=open&per_page=1", {
  token: admin,
  parse: true,
});
const drawingId = ((open.body?.items ?? []) as { id: string }[])[0]?.id ?? null;
console.error(
  `running ${vus} users for ${values.duration} s (drawing ${drawingId ?? "none open"})`,
);
samples.length = 0;
const started = Date.now();
const first = await scrapeRss();
const mem: { at: number; rss: number }[] = first === null ? [] : [{ at: started, rss: first }];
const sampler = setInterval(async () => {
  const rss = await scrapeRss();
  if (rss !== null) mem.push({ at: Date.now(), rss });
}, 5000);
const engine = values.engine;
if (engine === "wrk" && !(await wrkOnPath())) {
  console.error("--engine wrk needs wrk on PATH (apt-get install -y wrk)");
  Deno.exit(2);
}
if (engine === "wrk") {
  await playWithWrk();
  clearInterval(sampler);
  printMemory();
  Deno.exit(0);
}
if (engine !== "deno") {
  console.error(`unknown --engine ${engine} (auto, wrk or deno)`);
  Deno.exit(2);
}
deadline = Date.now() + Number(values.duration) * 1000;
await Promise.all(
  Array.from({ length: vus }, (_, i) => virtualUser(i + 1, tokens[i % tokens.length], drawingId)),
);
clearInterval(sampler);
const seconds = (Date.now() - started) / 1000;

const rows = ["leaderboard", "drawings", "buy_ticket", "all"].map((task) => {
  const mine = task === "all" ? samples : samples.filter((s) => s.task === task);
  const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
  // A refused purchase (409 insufficient points, 403 not eligible) is an answer, not an error.
  const errors = mine.filter((s) => s.status === 0 || s.status >= 500 || s.status === 429).length;
  return {
    task,
    requests: mine.length,
    rps: Math.round(mine.length / seconds),
    p50_ms: Math.round(percentile(ms, 0.5)),
    p95_ms: Math.round(percentile(ms, 0.95)),
    p99_ms: Math.round(percentile(ms, 0.99)),
    error_rate: mine.length ? `${((errors / mine.length) * 100).toFixed(2)}%` : "-",
  };
});
console.table(rows);
const byStatus: Record<string, number> = {};
for (const s of samples) {
  byStatus[`${s.task} ${s.status}`] = (byStatus[`${s.task} ${s.status}`] ?? 0) + 1;
}
console.log("answers by task and status:", JSON.stringify(byStatus));
// Counted from the answers themselves: /metrics counts one process only behind REUSE_PORT.
const boardReads = boardSources.redis + boardSources.postgres;
if (boardReads > 0) {
  console.log(
    `leaderboard reads served from Redis (cache hit rate): ${
      ((100 * boardSources.redis) / boardReads).toFixed(1)
    }% of ${boardReads}`,
  );
}
printMinutes(started);

/** Per-minute p99 and RSS: a soak holds when RSS grows < 10% and p99 stays within 1.5× of minute 1. */
function printMinutes(from: number): void {
  const minutes = Math.floor((Date.now() - from) / 60_000);
  if (minutes < 2) return;
  const rows = [];
  for (let m = 0; m < minutes; m++) {
    const inMinute = (at: number) => at >= from + m * 60_000 && at < from + (m + 1) * 60_000;
    const ms = samples.filter((s) => inMinute(s.at)).map((s) => s.ms).sort((a, b) => a - b);
    const rss = mem.filter((x) => inMinute(x.at)).map((x) => x.rss);
    rows.push({
      minute: m + 1,
      requests: ms.length,
      p50_ms: Math.round(percentile(ms, 0.5)),
      p99_ms: Math.round(percentile(ms, 0.99)),
      rss_mib: rss.length ? Math.round(rss.at(-1)! / 1_048_576) : null,
    });
  }
  console.table(rows);
  printSoakVerdict(rows);
}

/** RSS growth < 10% and every minute's p99 within 1.5× of minute 1. */
function printSoakVerdict(rows: { p99_ms: number; rss_mib: number | null }[]): void {
  const first = rows[0];
  const last = rows.at(-1)!;
  const worstP99 = Math.max(...rows.map((r) => r.p99_ms));
  const ratio = worstP99 / Math.max(1, first.p99_ms);
  if (first.rss_mib && last.rss_mib) {
    const growth = (100 * (last.rss_mib - first.rss_mib)) / first.rss_mib;
    console.log(
      `soak: RSS ${first.rss_mib} → ${last.rss_mib} MiB (${growth.toFixed(1)}%, limit 10%: ` +
        `${growth < 10 ? "met" : "not met"}); worst minute p99 ${worstP99} ms = ` +
        `${ratio.toFixed(2)}× minute 1 (limit 1.5×: ${ratio <= 1.5 ? "met" : "not met"})`,
    );
  }
  // The criterion is relative to minute 1: a slow first minute passes any later one.
  const sorted = rows.map((r) => r.p99_ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (first.p99_ms > 1.5 * median) {
    console.log(
      `note: minute 1's p99 (${first.p99_ms} ms) is over 1.5× the median minute's ` +
        `(${median} ms), so the ratio to it says little about drift`,
    );
  }
}
printMemory();

function printMemory(): void {
  if (mem.length === 0) return;
  const mb = (b: number) => `${Math.round(b / 1_048_576)} MiB`;
  const rss = mem.map((x) => x.rss);
  console.log(
    `server memory (RSS): first ${mb(rss[0])}, last ${mb(rss.at(-1)!)}, max ${
      mb(Math.max(...rss))
    }`,
  );
}

/**
 * The mix with wrk: one run, or one a minute for runs of 2 minutes or more
 * (wrk reports latency per run, so a soak is measured minute by minute).
 */
async function playWithWrk(): Promise<void> {
  const total = Number(values.duration);
  const minutes = total >= 120 ? Math.floor(total / 60) : 0;
  const options = {
    url: base.origin,
    users: tokens.map((token, i) => ({ token, address: addressOf(i + 1) })),
    drawingId,
    connections: vus,
    thinkMin,
    thinkMax,
  };
  const runs: ScenarioResult[] = [];
  const rssAt: (number | null)[] = [];
  for (let m = 0; m < Math.max(1, minutes); m++) {
    runs.push(await runScenario({ ...options, seconds: minutes ? 60 : total }));
    rssAt.push(mem.at(-1)?.rss ?? null);
  }
  const { rows, counts } = taskRows(runs);
  const worst = (key: "p50" | "p95" | "p99") => Math.max(...runs.map((r) => r[key]));
  console.log(`wrk: ${vus} connections (one per virtual user), the users' tokens at random`);
  console.table(rows.map((r) => ({
    ...r,
    ...(r.task === "all"
      ? {
        p50_ms: Math.round(worst("p50")),
        p95_ms: Math.round(worst("p95")),
        p99_ms: Math.round(worst("p99")),
      }
      : {}),
  })));
  console.log("answers by task and status:", JSON.stringify(counts));
  const boardReads = Object.entries(counts).filter(([k]) => k === "leaderboard 200")
    .reduce((s, [, n]) => s + n, 0);
  const fromRedis = runs.reduce((s, r) => s + r.redis_reads, 0);
  if (boardReads > 0) {
    console.log(
      `leaderboard reads served from Redis (cache hit rate): ${
        ((100 * fromRedis) / boardReads).toFixed(1)
      }% of ${boardReads}`,
    );
  }
  if (minutes === 0) return;
  const perMinute = runs.map((r, m) => ({
    minute: m + 1,
    requests: r.requests,
    p50_ms: Math.round(r.p50),
    p99_ms: Math.round(r.p99),
    rss_mib: rssAt[m] === null ? null : Math.round(rssAt[m]! / 1_048_576),
  }));
  console.table(perMinute);
  console.log('(p50-p99 of the "all" row: the worst minute)');
  printSoakVerdict(perMinute);
}

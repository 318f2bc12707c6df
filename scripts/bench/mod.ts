/**
 * `deno task bench`: runs every benchmark at its default size and prints one
 * table per benchmark, each comparing against a baseline measured in the same
 * run. `--only seed,ingest,purchase,leaderboards` picks some; `--database-url`
 * goes to each (else DATABASE_URL or FITTRACK_TEST_DATABASE_URL). Each file also
 * runs alone with its own flags, e.g.
 * `deno run -A scripts/bench/seed_bench.ts --users 100000 --activities 1000000`.
 *
 * @module
 */
import { table } from "../../cli/output.ts";
import { seedBench } from "./seed_bench.ts";
import { ingestBench } from "./ingest_bench.ts";
import { purchaseBench } from "./purchase_bench.ts";
import { leaderboardBench } from "./leaderboard_bench.ts";

type Row = object;

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log("  (skipped: no PostgreSQL URL)");
    return;
  }
  const records = rows as Record<string, unknown>[];
  const headers = Object.keys(records[0]);
  const cell = (v: unknown) =>
    typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? "");
  console.log(table(headers, records.map((r) => headers.map((h) => cell(r[h])))));
}

const BENCHES: Record<string, [string, (args: string[]) => Promise<Row[]>]> = {
  seed: ["Seed (batched inserts vs single-row baseline)", seedBench],
  ingest: ["Webhook ingestion (end to end vs plain inserts)", ingestBench],
  purchase: ["Ticket purchases and drawing execution", purchaseBench],
  leaderboards: [
    "Leaderboards (Redis, PostgreSQL rollups, ledger-aggregation baseline)",
    leaderboardBench,
  ],
};

if (import.meta.main) {
  const args = [...Deno.args];
  const at = args.findIndex((a) => a === "--only" || a.startsWith("--only="));
  let only = Object.keys(BENCHES);
  if (at >= 0) {
    const value = args[at].includes("=") ? args[at].split("=")[1] : args[at + 1];
    args.splice(at, args[at].includes("=") ? 1 : 2);
    only = value.split(",").map((s) => s.trim());
  }
  const unknown = only.filter((name) => !BENCHES[name]);
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`,
    );
    Deno.exit(2);
  }
  // Each bench gets the database URL in either form (`--database-url URL` or `=URL`).
  const urlAt = args.indexOf("--database-url");
  const database = urlAt >= 0
    ? args.slice(urlAt, urlAt + 2)
    : args.filter((a) => a.startsWith("--database-url="));
  for (const name of only) {
    const [title, run] = BENCHES[name];
    console.error(`\n== ${title}`);
    print(title, await run(database));
  }
}

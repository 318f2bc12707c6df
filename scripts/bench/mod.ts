/**
 * `deno task bench`: runs every benchmark and prints one table. Flags are
 * passed through (`deno task bench --users 100000 --activities 1000000`).
 *
 * @module
 */
import { table } from "../../cli/output.ts";
import { seedBench } from "./seed_bench.ts";

if (import.meta.main) {
  console.error("Seed benchmark");
  const rows = await seedBench(Deno.args);
  console.log(table(
    ["case", "database", "rows", "seconds", "rows/s"],
    rows.map((r) => [
      r.case,
      r.database,
      r.rows,
      r.seconds.toFixed(2),
      Math.round(r.rows_per_second),
    ]),
  ));
}

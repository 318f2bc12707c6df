/**
 * `fittrack reports summary` and `fittrack reports integrity`: the same core
 * operations as GET /api/v1/reports/summary.
 *
 * @module
 */
import { buildSummary, checkIntegrity } from "../../core/reports/build_summary.ts";
import type { IntegrityCheck } from "../../core/reports/schemas.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { keyValues, table } from "../output.ts";

function checksTable(checks: IntegrityCheck[]): string {
  return table(
    ["check", "violations", "result"],
    checks.map((c) => [c.name, c.violations, c.passed ? "pass" : "FAIL"]),
  );
}

/** Counts, breakdowns, workflows and integrity; exit 4 when a check fails. */
export async function reportsSummary(ctx: CliContext): Promise<ExitCode> {
  const summary = await buildSummary(ctx.services.core);
  ctx.out.result(summary, () =>
    [
      keyValues(summary.entities, ["table", "rows"]),
      keyValues(summary.workflows, ["workflow", "value"]),
      keyValues(summary.breakdowns, ["breakdown", "counts"]),
      checksTable(summary.integrity.checks),
    ].join("\n"));
  return summary.integrity.passed ? EXIT.ok : EXIT.integrityFailed;
}

/** Only the integrity checks; exit 4 when one fails. */
export async function reportsIntegrity(ctx: CliContext): Promise<ExitCode> {
  const result = await checkIntegrity(ctx.services.core);
  ctx.out.result(
    result,
    () =>
      `${checksTable(result.checks)}\n${
        result.passed ? "All checks passed." : "Integrity check FAILED."
      }`,
  );
  return result.passed ? EXIT.ok : EXIT.integrityFailed;
}

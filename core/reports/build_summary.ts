import type { CoreDeps } from "../ports.ts";
import type { IntegrityCheck, Summary } from "./schemas.ts";

/** The system summary: counts, breakdowns, workflow figures and integrity checks. */
export async function buildSummary(deps: CoreDeps): Promise<Summary> {
  const now = deps.clock.now();
  const [figures, checks] = await Promise.all([
    deps.store.reports.summary(now),
    deps.store.reports.integrity(),
  ]);
  return {
    generated_at: now.toISOString(),
    ...figures,
    integrity: { passed: checks.every((c) => c.passed), checks },
  };
}

/** Only the integrity checks (the CLI's `reports integrity`). */
export async function checkIntegrity(
  deps: CoreDeps,
): Promise<{ passed: boolean; checks: IntegrityCheck[] }> {
  const checks = await deps.store.reports.integrity();
  return { passed: checks.every((c) => c.passed), checks };
}

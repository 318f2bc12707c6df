/**
 * Runs one tick of a job at most once across every app instance: the first
 * instance to insert (job, scheduled_for) into job_runs owns the tick; the
 * others see the conflict and skip it. The row then records the outcome.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Services } from "../services.ts";

export type JobTick = (services: Services, now: Date) => Promise<string>;

export interface JobDefinition {
  name: string;
  /** Croner pattern (seconds field first when six fields). */
  pattern: string;
  description: string;
  tick: JobTick;
}

export type TickOutcome =
  | { status: "ran"; summary: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string };

const INSTANCE = `${Deno.hostname?.() ?? "host"}:${Deno.pid}`;

/** Claims the tick scheduled for `scheduledFor` and runs it if this instance won the claim. */
export async function runJobOnce(
  services: Services,
  job: JobDefinition,
  scheduledFor: Date,
): Promise<TickOutcome> {
  const claimed = await services.db.rows<{ job: string }>(
    sql`INSERT INTO job_runs (job, scheduled_for, instance) VALUES (${job.name}, ${scheduledFor.toISOString()}::timestamptz, ${INSTANCE})
        ON CONFLICT (job, scheduled_for) DO NOTHING RETURNING job`,
  );
  if (claimed.length === 0) return { status: "skipped", reason: "another instance ran this tick" };
  const finish = (outcome: "ok" | "failed", detail: string) =>
    services.db.rows(
      sql`UPDATE job_runs SET finished_at = now(), outcome = ${outcome}, detail = ${
        detail.slice(0, 2000)
      }
          WHERE job = ${job.name} AND scheduled_for = ${scheduledFor.toISOString()}::timestamptz`,
    );
  const started = performance.now();
  const record = (outcome: "ok" | "failed") => {
    services.metrics.jobRuns.inc({ job: job.name, outcome });
    services.metrics.jobDuration.observe((performance.now() - started) / 1000, { job: job.name });
  };
  try {
    const summary = await job.tick(services, scheduledFor);
    record("ok");
    await finish("ok", summary);
    services.logger.info("job ran", { job: job.name, summary });
    return { status: "ran", summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    record("failed");
    await finish("failed", message).catch(() => {});
    services.logger.error("job failed", { job: job.name, error: message });
    return { status: "failed", error: message };
  }
}

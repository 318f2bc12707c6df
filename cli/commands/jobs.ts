/**
 * `fittrack jobs list` and `fittrack jobs run NAME`: the schedule, and one tick
 * of a job by hand — the same tick function the scheduler calls, claimed in
 * job_runs like any tick.
 *
 * @module
 */
import { findJob, JOBS } from "../../jobs/mod.ts";
import { runJobOnce } from "../../jobs/run_job.ts";
import { type CliContext, CliExit, EXIT, type ExitCode } from "../context.ts";
import { table } from "../output.ts";

export function jobsList(ctx: CliContext): Promise<ExitCode> {
  const rows = JOBS.map((j) => ({ name: j.name, pattern: j.pattern, description: j.description }));
  ctx.out.result(
    rows,
    () =>
      table(
        ["job", "schedule", "what it does"],
        rows.map((r) => [r.name, r.pattern, r.description]),
      ),
  );
  return Promise.resolve(EXIT.ok);
}

export async function jobsRun(ctx: CliContext, name: string): Promise<ExitCode> {
  const job = findJob(name);
  if (!job) {
    throw new CliExit(
      EXIT.usage,
      `No job named ${name}; known: ${JOBS.map((j) => j.name).join(", ")}`,
    );
  }
  const now = ctx.services.clock.now();
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const outcome = await ctx.out.spin(`running ${name}`, () => runJobOnce(ctx.services, job, at));
  ctx.out.result(
    outcome,
    () =>
      outcome.status === "ran"
        ? `${name}: ${outcome.summary}`
        : outcome.status === "skipped"
        ? `${name}: skipped (${outcome.reason})`
        : `${name} failed: ${outcome.error}`,
  );
  return outcome.status === "failed" ? EXIT.failure : EXIT.ok;
}

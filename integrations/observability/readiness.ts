/**
 * Readiness: the database (with its version), the cache, and the job
 * scheduler (the last tick of each job, from job_runs, which every instance
 * shares). 503 when any is unhealthy.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Cache } from "../../core/ports.ts";
import type { Database } from "../../db/client.ts";

/** Set by jobs/mod.ts when this process starts its schedule. */
export interface SchedulerState {
  startedAt: Date | null;
}

export interface Readiness {
  status: "ready" | "unavailable";
  checks: {
    database: { ok: boolean; kind: string; version: string | null; error?: string };
    cache: { ok: boolean; kind: string; error?: string };
    jobs: {
      ok: boolean;
      running_here: boolean;
      last_runs: Record<string, { at: string; outcome: string | null }>;
      error?: string;
    };
  };
}

/** A scheduler that has run for this long must have a tick on record this recent. */
const STALE_AFTER_MS = 5 * 60_000;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(
  deps: { db: Database; cache: Cache; scheduler: SchedulerState; now: () => Date },
): Promise<Readiness> {
  const { db, cache, scheduler } = deps;
  const database: Readiness["checks"]["database"] = { ok: false, kind: db.kind, version: null };
  try {
    database.version = await withTimeout(db.version(), 2000);
    database.ok = true;
  } catch (error) {
    database.error = `database unreachable: ${(error as Error).message}`;
  }
  const cacheCheck: Readiness["checks"]["cache"] = { ok: false, kind: cache.kind };
  try {
    await withTimeout(cache.ping(), 2000);
    cacheCheck.ok = true;
  } catch (error) {
    cacheCheck.error = `cache unreachable: ${(error as Error).message}`;
  }
  const jobs: Readiness["checks"]["jobs"] = {
    ok: true,
    running_here: scheduler.startedAt !== null,
    last_runs: {},
  };
  if (database.ok) {
    const rows = await withTimeout(
      db.rows<{ job: string; at: Date | string; outcome: string | null }>(sql`
        SELECT DISTINCT ON (job) job, scheduled_for AS at, outcome FROM job_runs
        ORDER BY job, scheduled_for DESC`),
      2000,
    ).catch(() => []);
    for (const row of rows) {
      jobs.last_runs[row.job] = { at: new Date(row.at).toISOString(), outcome: row.outcome };
    }
    const now = deps.now().getTime();
    const latest = Math.max(0, ...rows.map((r) => new Date(r.at).getTime()));
    const started = scheduler.startedAt?.getTime();
    if (started !== undefined && now - started > STALE_AFTER_MS && now - latest > STALE_AFTER_MS) {
      jobs.ok = false;
      jobs.error = "no job tick recorded in the last 5 minutes";
    }
  }
  return {
    status: database.ok && cacheCheck.ok && jobs.ok ? "ready" : "unavailable",
    checks: { database, cache: cacheCheck, jobs },
  };
}

/**
 * The schedule: every background job, its Croner pattern, and the scheduler
 * that runs each tick once across instances. `fittrack jobs run NAME` runs the
 * same tick by hand.
 *
 * @module
 */
import { Cron } from "croner";
import type { Services } from "../services.ts";
import { type JobDefinition, runJobOnce } from "./run_job.ts";
import { pruneJobRunsTick } from "./prune_job_runs.ts";
import { deliverOutboxTick } from "./deliver_outbox.ts";
import { processWebhooksTick } from "./process_webhooks.ts";
import { advanceDrawingsTick } from "./advance_drawings.ts";
import { createRecurringDrawingsTick } from "./create_recurring_drawings.ts";
import { executeDueDrawingsTick } from "./execute_due_drawings.ts";
import { fulfillmentRemindersTick } from "./fulfillment_reminders.ts";
import { recomputeTiersTick } from "./recompute_tiers.ts";
import { reconcileLeaderboardsTick } from "./reconcile_leaderboards.ts";
import { syncTrackersTick } from "./sync_trackers.ts";

export const JOBS: JobDefinition[] = [
  {
    name: "deliver_outbox",
    pattern: "*/15 * * * * *",
    description: "Send pending outbox mails through the configured transport",
    tick: deliverOutboxTick,
  },
  {
    name: "process_webhooks",
    pattern: "*/5 * * * * *",
    description: "Process recorded Terra webhook deliveries",
    tick: processWebhooksTick,
  },
  {
    name: "sync_trackers",
    pattern: "0 * * * * *",
    description: "Sync tracker connections last synced 15+ min ago or queued by a manual sync",
    tick: syncTrackersTick,
  },
  {
    name: "create_recurring_drawings",
    pattern: "0 */10 * * * *",
    description: "Create and schedule each drawing template's current and next period drawing",
    tick: createRecurringDrawingsTick,
  },
  {
    name: "advance_drawings",
    pattern: "0 * * * * *",
    description: "Open and close drawings whose sales windows start or end",
    tick: advanceDrawingsTick,
  },
  {
    name: "execute_due_drawings",
    pattern: "30 * * * * *",
    description: "Execute closed drawings whose drawing time has come",
    tick: executeDueDrawingsTick,
  },
  {
    name: "fulfillment_reminders",
    pattern: "0 0 * * * *",
    description: "Remind winners at 7 days, forfeit at 14 and draw the alternate",
    tick: fulfillmentRemindersTick,
  },
  {
    name: "recompute_tiers",
    pattern: "0 5 0 * * *",
    description: "Move users whose birthday crossed an age bracket to their new tier",
    tick: recomputeTiersTick,
  },
  {
    name: "reconcile_leaderboards",
    pattern: "0 30 3 * * *",
    description: "Check leaderboards against the ledger and repair drift",
    tick: reconcileLeaderboardsTick,
  },
  {
    name: "prune_job_runs",
    pattern: "0 17 3 * * *",
    description: "Delete job_runs bookkeeping older than 14 days",
    tick: pruneJobRunsTick,
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}

/** Starts every job's schedule; returns a function that stops them and waits for running ticks. */
export function startJobs(services: Services, jobs: JobDefinition[] = JOBS): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  services.scheduler.startedAt = services.clock.now();
  const crons = jobs.map((job) =>
    new Cron(job.pattern, { protect: true, timezone: "UTC", name: job.name }, (self: Cron) => {
      // The scheduled second (not the exact wake-up time) keys the claim, so every
      // instance woken for the same tick agrees on it.
      const at = self.currentRun()?.getTime() ?? Date.now();
      const scheduledFor = new Date(Math.floor(at / 1000) * 1000);
      const run = runJobOnce(services, job, scheduledFor).finally(() => running.delete(run));
      running.add(run);
    })
  );
  return async () => {
    services.scheduler.startedAt = null;
    for (const cron of crons) cron.stop();
    await Promise.allSettled([...running]);
  };
}

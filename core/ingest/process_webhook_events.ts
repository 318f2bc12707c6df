/**
 * Processes recorded webhook deliveries: each event in the same transaction
 * as everything it causes (activities, points, connection state), so a
 * failure rolls all of it back and leaves the event to be retried. Events are
 * committed in batches; a batch with a failing event is redone event by event.
 * Deliveries for a Terra user with no connection are parked, not failed, and
 * come back when that user's `auth` arrives.
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import {
  applyCommand,
  type ConnectionOf,
  type Handled,
  isLive,
  PARKED_WITHOUT_CONNECTION,
} from "./apply_command.ts";
import { type IngestBatch, ingestBatchesInTx, type IngestOptions } from "./ingest_records.ts";
import { planBatches } from "./plan_batches.ts";
import type { WebhookEvent } from "./repo.ts";
import type { Connection, IngestCommand, RecordOutcome } from "./schemas.ts";

/** Turns a stored event into a command (the provider adapter supplies it). */
export type DecodeEvent = (event: WebhookEvent) => IngestCommand;

export interface ProcessOptions {
  decode: DecodeEvent;
  /** Most events per call (default 200). */
  limit?: number;
  /**
   * Batches processed at once (default 4). Safe: each event is claimed with
   * SKIP LOCKED, batches take their users in one order, and an event takes
   * its user-day locks in date order before touching the user row.
   */
  concurrency?: number;
  /**
   * Most events per transaction (default 50); a Terra user's due events are
   * never split across batches. 1 gives every event its own transaction.
   */
  batchSize?: number;
  /** Attempts before an event stays failed for an operator (default 5). */
  maxAttempts?: number;
  ingest?: Partial<IngestOptions>;
}

export interface ProcessSummary {
  processed: number;
  parked: number;
  ignored: number;
  failed: number;
}

/** Processes due events; safe to run from several instances at once (rows are claimed). */
export async function processWebhookEvents(
  deps: CoreDeps,
  options: ProcessOptions,
): Promise<ProcessSummary> {
  const maxAttempts = options.maxAttempts ?? 5;
  const summary: ProcessSummary = { processed: 0, parked: 0, ignored: 0, failed: 0 };
  const due = await deps.store.ingest.dueEvents(options.limit ?? 200, maxAttempts);
  const ingestOptions = (): IngestOptions => ({
    timeZone: deps.timeZone,
    now: deps.clock.now(),
    ...options.ingest,
  });
  const settle = (tx: Repositories, event: WebhookEvent) =>
    applyCommand(tx, options.decode(event), ingestOptions());
  const handle = async (tx: Repositories, id: string) => {
    const event = await tx.ingest.claimEvent(id, maxAttempts);
    if (!event) return null;
    const handled = await settle(tx, event);
    await tx.ingest.finishEvent(id, handled.status, handled.outcome);
    return handled;
  };
  // Counted once the transaction has committed.
  const count = (handled: Handled | null) => {
    if (handled?.status === "processed") summary.processed++;
    else if (handled?.status === "parked") summary.parked++;
    else if (handled?.status === "ignored") summary.ignored++;
    const points = handled ? pointsGranted(handled.outcome) : 0;
    if (points > 0) deps.telemetry?.pointsEarned(points);
  };
  const one = async (id: string) => {
    try {
      count(await deps.store.transaction((tx) => handle(tx, id)));
    } catch (error) {
      summary.failed++;
      await deps.store.ingest.failEvent(id, error instanceof Error ? error.message : String(error));
    }
  };
  // A batch shares one transaction (one commit instead of one per event). If
  // any event of it throws, all of it rolls back and each event is retried in
  // its own transaction, so a bad event fails alone, exactly as unbatched.
  const batch = async (ids: string[]) => {
    if (ids.length === 1) return await one(ids[0]);
    let handled: Handled[];
    try {
      handled = await deps.store.transaction((tx) => runBatch(tx, ids));
    } catch {
      for (const id of ids) await one(id);
      return;
    }
    handled.forEach(count);
  };
  /**
   * One batch in `tx`, in event order: runs of record events go through the
   * set-based ingest together; any other event is applied alone, between them.
   */
  const runBatch = async (tx: Repositories, ids: string[]) => {
    const claimed = await tx.ingest.claimEvents(ids, maxAttempts);
    // The batch's connections in one query; good until an event changes connections.
    const users = [...new Set(claimed.flatMap((e) => e.terra_user_id ?? []))];
    const known = new Map<string, Connection>();
    for (const c of await tx.ingest.connectionsByTerraUsers(users)) {
      if (c.terraUserId) known.set(c.terraUserId, c);
    }
    let current = true;
    const connectionOf: ConnectionOf = async (id) =>
      current && users.includes(id)
        ? known.get(id) ?? null
        : await tx.ingest.connectionByTerraUser(id);
    const finished: {
      traceId: string;
      status: WebhookEvent["status"];
      outcome: Record<string, unknown>;
    }[] = [];
    let run: { at: number; batch: IngestBatch }[] = [];
    const flush = async () => {
      const outcomes = await ingestBatchesInTx(tx, run.map((r) => r.batch), ingestOptions());
      run.forEach((r, i) => finished[r.at].outcome = { records: outcomes[i] });
      run = [];
    };
    for (const event of claimed) {
      const command = options.decode(event);
      if (command.kind === "records") {
        const connection = await connectionOf(command.terraUserId);
        if (isLive(connection)) {
          run.push({
            at: finished.length,
            batch: { connection, records: command.records, orderingTs: command.orderingTs },
          });
          finished.push({ traceId: event.trace_id, status: "processed", outcome: {} });
        } else {
          finished.push({ traceId: event.trace_id, ...PARKED_WITHOUT_CONNECTION });
        }
        continue;
      }
      if (command.kind !== "ignore") {
        if (run.length > 0) await flush();
        current = false;
      }
      finished.push({
        traceId: event.trace_id,
        ...await applyCommand(tx, command, ingestOptions()),
      });
    }
    if (run.length > 0) await flush();
    await tx.ingest.finishEvents(finished);
    return finished;
  };
  const queue = planBatches(due, Math.max(1, options.batchSize ?? 50));
  const worker = async () => {
    for (let ids = queue.shift(); ids !== undefined; ids = queue.shift()) await batch(ids);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return summary;
}

/** Points an event's outcome paid (its records' grants). */
function pointsGranted(outcome: Record<string, unknown>): number {
  const records = Array.isArray(outcome.records) ? outcome.records as RecordOutcome[] : [];
  return records.reduce((sum, r) => sum + (r.granted ?? 0), 0);
}

/**
 * Processes recorded webhook deliveries: each event in its own transaction
 * together with everything it causes (activities, points, connection state),
 * so a failure rolls all of it back and leaves the event to be retried.
 * Deliveries for a Terra user with no connection are parked, not failed, and
 * come back when that user's `auth` arrives.
 *
 * @module
 */
import type { CoreDeps, Repositories } from "../ports.ts";
import { type IngestOptions, ingestRecordsInTx } from "./ingest_records.ts";
import type { WebhookEvent } from "./repo.ts";
import type { IngestCommand } from "./schemas.ts";
import { reconnectMail } from "./tracker_mail.ts";

/** Turns a stored event into a command (the provider adapter supplies it). */
export type DecodeEvent = (event: WebhookEvent) => IngestCommand;

export interface ProcessOptions {
  decode: DecodeEvent;
  /** Most events per call (default 200). */
  limit?: number;
  /**
   * Events processed at once (default 4). Safe: each event is claimed with
   * SKIP LOCKED, and a batch takes its user-day locks in date order before
   * touching the user row, so concurrent events of one user cannot deadlock.
   */
  concurrency?: number;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Handled = { status: WebhookEvent["status"]; outcome: Record<string, unknown> };

async function apply(
  tx: Repositories,
  command: IngestCommand,
  options: IngestOptions,
): Promise<Handled> {
  switch (command.kind) {
    case "ignore":
      return { status: "ignored", outcome: { reason: command.reason } };
    case "records": {
      const connection = await tx.ingest.connectionByTerraUser(command.terraUserId);
      if (!connection || connection.status === "disconnected") {
        return { status: "parked", outcome: { reason: "no connection for this Terra user" } };
      }
      const records = await ingestRecordsInTx(tx, {
        connection,
        records: command.records,
        orderingTs: command.orderingTs,
      }, options);
      return { status: "processed", outcome: { records } };
    }
    case "connect": {
      let connection = await tx.ingest.connectionByTerraUser(command.terraUserId);
      if (connection) {
        await tx.ingest.updateConnection(connection.id, { status: "active", errorMessage: null });
      } else {
        if (!command.provider) {
          return {
            status: "ignored",
            outcome: { reason: `provider ${command.providerName} is not supported` },
          };
        }
        const user = command.referenceId && UUID.test(command.referenceId)
          ? await tx.users.findById(command.referenceId)
          : null;
        if (!user) return { status: "parked", outcome: { reason: "reference_id is no user" } };
        connection = await tx.ingest.attachConnection({
          userId: user.id,
          provider: command.provider,
          terraUserId: command.terraUserId,
        });
      }
      const unparked = await tx.ingest.unparkEvents(command.terraUserId);
      return { status: "processed", outcome: { connection_id: connection.id, unparked } };
    }
    case "reconnect": {
      const connection = await tx.ingest.connectionByTerraUser(command.oldTerraUserId);
      if (!connection) return { status: "parked", outcome: { reason: "old Terra user unknown" } };
      await tx.ingest.updateConnection(connection.id, {
        terraUserId: command.newTerraUserId,
        status: "active",
        errorMessage: null,
      });
      const unparked = await tx.ingest.unparkEvents(command.newTerraUserId);
      return { status: "processed", outcome: { connection_id: connection.id, unparked } };
    }
    case "connection_status": {
      const connection = await tx.ingest.connectionByTerraUser(command.terraUserId);
      if (!connection) return { status: "parked", outcome: { reason: "no connection" } };
      if (command.status === "disconnected") await tx.ingest.removeConnection(connection.id);
      else {
        await tx.ingest.updateConnection(connection.id, {
          status: "error",
          errorMessage: command.message,
        });
        const user = await tx.users.findById(connection.userId);
        if (user && connection.status !== "error") {
          await tx.outbox.enqueue(reconnectMail({
            to: user.email,
            displayName: user.profile?.display_name ?? user.email,
            provider: connection.provider,
            reason: command.message,
          }));
        }
      }
      await tx.audit.record({
        actor_id: null,
        action: `connection.${command.status}`,
        entity_type: "tracker_connection",
        entity_id: connection.id,
        details: { message: command.message },
      });
      return { status: "processed", outcome: { connection_id: connection.id } };
    }
  }
}

/** Processes due events; safe to run from several instances at once (rows are claimed). */
export async function processWebhookEvents(
  deps: CoreDeps,
  options: ProcessOptions,
): Promise<ProcessSummary> {
  const maxAttempts = options.maxAttempts ?? 5;
  const summary: ProcessSummary = { processed: 0, parked: 0, ignored: 0, failed: 0 };
  const ids = await deps.store.ingest.dueEvents(options.limit ?? 200, maxAttempts);
  const one = async (id: string) => {
    try {
      const status = await deps.store.transaction(async (tx) => {
        const event = await tx.ingest.claimEvent(id, maxAttempts);
        if (!event) return null;
        const handled = await apply(tx, options.decode(event), {
          timeZone: deps.timeZone,
          now: deps.clock.now(),
          ...options.ingest,
        });
        await tx.ingest.finishEvent(id, handled.status, handled.outcome);
        return handled.status;
      });
      if (status === "processed") summary.processed++;
      else if (status === "parked") summary.parked++;
      else if (status === "ignored") summary.ignored++;
    } catch (error) {
      summary.failed++;
      await deps.store.ingest.failEvent(id, error instanceof Error ? error.message : String(error));
    }
  };
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) await one(id);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return summary;
}

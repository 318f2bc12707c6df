/**
 * What each kind of webhook event does: records become activities and
 * points, connection events attach, move or flag a tracker connection.
 *
 * @module
 */
import type { Repositories } from "../ports.ts";
import { type IngestOptions, ingestRecordsInTx } from "./ingest_records.ts";
import type { WebhookEvent } from "./repo.ts";
import type { Connection, IngestCommand } from "./schemas.ts";
import { reconnectMail } from "./tracker_mail.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What became of an event. */
export type Handled = { status: WebhookEvent["status"]; outcome: Record<string, unknown> };

/** Finds the live connection of a Terra user. */
export type ConnectionOf = (terraUserId: string) => Promise<Connection | null>;

/** Records need a live connection; without one the event waits for the Terra user's auth. */
export const PARKED_WITHOUT_CONNECTION: Handled = {
  status: "parked",
  outcome: { reason: "no connection for this Terra user" },
};

/** Whether records can be ingested for `connection`. */
export function isLive(connection: Connection | null): connection is Connection {
  return connection !== null && connection.status !== "disconnected";
}

/** Carries out one decoded event inside the caller's transaction `tx`. */
export async function applyCommand(
  tx: Repositories,
  command: IngestCommand,
  options: IngestOptions,
  connectionOf: ConnectionOf = (id) => tx.ingest.connectionByTerraUser(id),
): Promise<Handled> {
  switch (command.kind) {
    case "ignore":
      return { status: "ignored", outcome: { reason: command.reason } };
    case "records": {
      const connection = await connectionOf(command.terraUserId);
      if (!isLive(connection)) return PARKED_WITHOUT_CONNECTION;
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

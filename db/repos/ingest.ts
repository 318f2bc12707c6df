/**
 * {@link IngestRepo} over drizzle: tracker connections by Terra user, and the
 * set-based activity and user-day writes (ingest_batch.ts) and webhook events
 * (webhook_events.ts) it delegates to.
 *
 * @module
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Activity } from "../../core/activities/schemas.ts";
import type {
  ActivityInsert,
  ActivityUpdate,
  DayActivity,
  DayKey,
  DayRange,
  DayStateRow,
  DueEvent,
  IngestRepo,
  LockedDays,
  NewWebhookEvent,
  WebhookEvent,
} from "../../core/ingest/repo.ts";
import type { Connection, TrackerProvider } from "../../core/ingest/schemas.ts";
import type { Orm } from "../client.ts";
import { trackerConnections } from "../schema/mod.ts";
import * as batch from "./ingest_batch.ts";
import { DeliveryRecorder } from "./ingest_delivery_recorder.ts";
import * as events from "./webhook_events.ts";

type ConnectionRow = typeof trackerConnections.$inferSelect;

function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    userId: row.userId,
    provider: row.provider,
    terraUserId: row.terraUserId,
    isPrimary: row.isPrimary,
    status: row.status,
  };
}

export class DrizzleIngestRepo implements IngestRepo {
  readonly #deliveries: DeliveryRecorder;

  constructor(private readonly orm: Orm) {
    this.#deliveries = new DeliveryRecorder(orm);
  }

  async connectionByTerraUser(terraUserId: string): Promise<Connection | null> {
    const [row] = await this.orm.select().from(trackerConnections).where(and(
      eq(trackerConnections.terraUserId, terraUserId),
      isNull(trackerConnections.deletedAt),
    ));
    return row ? toConnection(row) : null;
  }

  async connectionsByTerraUsers(terraUserIds: string[]): Promise<Connection[]> {
    if (terraUserIds.length === 0) return [];
    const rows = await this.orm.select().from(trackerConnections).where(and(
      inArray(trackerConnections.terraUserId, terraUserIds),
      isNull(trackerConnections.deletedAt),
    ));
    return rows.map(toConnection);
  }

  async attachConnection(
    input: { userId: string; provider: TrackerProvider; terraUserId: string },
  ): Promise<Connection> {
    const live = and(
      eq(trackerConnections.userId, input.userId),
      isNull(trackerConnections.deletedAt),
    );
    const [same] = await this.orm.select().from(trackerConnections)
      .where(and(live, eq(trackerConnections.provider, input.provider))).for("update");
    if (same) {
      const [row] = await this.orm.update(trackerConnections).set({
        terraUserId: input.terraUserId,
        status: "active",
        errorMessage: null,
        updatedAt: sql`now()`,
      }).where(eq(trackerConnections.id, same.id)).returning();
      return toConnection(row);
    }
    const [primary] = await this.orm.select({ id: trackerConnections.id }).from(trackerConnections)
      .where(and(live, eq(trackerConnections.isPrimary, true)));
    const [row] = await this.orm.insert(trackerConnections).values({
      userId: input.userId,
      provider: input.provider,
      terraUserId: input.terraUserId,
      isPrimary: !primary,
      status: "active",
    }).returning();
    return toConnection(row);
  }

  async updateConnection(
    id: string,
    patch: { status?: Connection["status"]; errorMessage?: string | null; terraUserId?: string },
  ): Promise<void> {
    await this.orm.update(trackerConnections).set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.errorMessage !== undefined ? { errorMessage: patch.errorMessage } : {}),
      ...(patch.terraUserId ? { terraUserId: patch.terraUserId } : {}),
      updatedAt: sql`now()`,
    }).where(eq(trackerConnections.id, id));
  }

  async removeConnection(id: string): Promise<void> {
    await this.orm.update(trackerConnections).set({
      status: "disconnected",
      isPrimary: false,
      deletedAt: sql`now()`,
      updatedAt: sql`now()`,
    }).where(eq(trackerConnections.id, id));
  }

  lockDays(keys: DayKey[], options?: { lock?: boolean }): Promise<LockedDays> {
    return batch.lockDays(this.orm, keys, options);
  }
  saveDays(days: DayStateRow[]): Promise<void> {
    return batch.saveDays(this.orm, days);
  }
  userTiers(userIds: string[], options?: { lock?: boolean }): Promise<Map<string, string | null>> {
    return batch.userTiers(this.orm, userIds, options);
  }
  findActivitiesByKeys(keys: { userId: string; externalId: string }[]): Promise<Activity[]> {
    return batch.findActivitiesByKeys(this.orm, keys);
  }
  activitiesOfDays(ranges: DayRange[]): Promise<{ day: DayKey; activity: DayActivity }[]> {
    return batch.activitiesOfDays(this.orm, ranges);
  }
  insertActivities(rows: ActivityInsert[]): Promise<void> {
    return batch.insertActivities(this.orm, rows);
  }
  updateActivities(rows: ActivityUpdate[]): Promise<void> {
    return batch.updateActivities(this.orm, rows);
  }

  recordEvent(event: NewWebhookEvent): Promise<boolean> {
    return this.#deliveries.record(event);
  }
  dueEvents(limit: number, maxAttempts: number): Promise<DueEvent[]> {
    return events.dueEvents(this.orm, limit, maxAttempts);
  }
  claimEvent(traceId: string, maxAttempts: number): Promise<WebhookEvent | null> {
    return events.claimEvent(this.orm, traceId, maxAttempts);
  }
  claimEvents(traceIds: string[], maxAttempts: number): Promise<WebhookEvent[]> {
    return events.claimEvents(this.orm, traceIds, maxAttempts);
  }
  finishEvent(
    traceId: string,
    status: WebhookEvent["status"],
    outcome: Record<string, unknown>,
  ): Promise<void> {
    return events.finishEvent(this.orm, traceId, status, outcome);
  }
  finishEvents(
    finished: {
      traceId: string;
      status: WebhookEvent["status"];
      outcome: Record<string, unknown>;
    }[],
  ): Promise<void> {
    return events.finishEvents(this.orm, finished);
  }
  failEvent(traceId: string, error: string): Promise<void> {
    return events.failEvent(this.orm, traceId, error);
  }
  unparkEvents(terraUserId: string): Promise<number> {
    return events.unparkEvents(this.orm, terraUserId);
  }
}

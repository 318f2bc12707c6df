/**
 * {@link IngestRepo} over drizzle: tracker connections by Terra user, activity
 * upserts, the locked per-user-day row, and webhook events.
 *
 * @module
 */
import { and, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Activity } from "../../core/activities/schemas.ts";
import type {
  ActivityWrite,
  DayActivity,
  DueEvent,
  IngestRepo,
  NewWebhookEvent,
  WebhookEvent,
} from "../../core/ingest/repo.ts";
import type { Connection, TrackerProvider } from "../../core/ingest/schemas.ts";
import type { DayState } from "../../core/points/rules/day_ledger.ts";
import type { Orm } from "../client.ts";
import { activities, pointsDays, trackerConnections } from "../schema/mod.ts";
import { toActivity } from "./activities.ts";
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

function columns(write: Partial<ActivityWrite>): Partial<typeof activities.$inferInsert> {
  const out: Partial<typeof activities.$inferInsert> = {
    userId: write.user_id,
    connectionId: write.connection_id,
    externalId: write.external_id,
    activityType: write.activity_type,
    startTime: write.start_time,
    endTime: write.end_time,
    durationMinutes: write.duration_minutes,
    intensity: write.intensity,
    metrics: write.metrics,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export class DrizzleIngestRepo implements IngestRepo {
  constructor(private readonly orm: Orm) {}

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

  async lockDay(userId: string, day: string, options: { lock?: boolean } = {}): Promise<DayState> {
    let row: typeof pointsDays.$inferSelect;
    if (options.lock === false) {
      await this.orm.insert(pointsDays).values({ userId, day }).onConflictDoNothing();
      [row] = await this.orm.select().from(pointsDays)
        .where(and(eq(pointsDays.userId, userId), eq(pointsDays.day, day)));
    } else {
      // One round trip: the no-op DO UPDATE locks the existing row (or the new
      // one) until commit, like SELECT ... FOR UPDATE, and returns it.
      [row] = await this.orm.insert(pointsDays).values({ userId, day }).onConflictDoUpdate({
        target: [pointsDays.userId, pointsDays.day],
        set: { userId: sql`excluded.user_id` },
      }).returning();
    }
    return {
      steps: row.stepsBasis,
      minutes: {
        light: row.lightMinutesBasis,
        moderate: row.moderateMinutesBasis,
        vigorous: row.vigorousMinutesBasis,
      },
      bonuses: row.bonuses,
      earned: row.earned,
    };
  }

  async saveDay(userId: string, day: string, state: DayState): Promise<void> {
    await this.orm.update(pointsDays).set({
      stepsBasis: state.steps,
      lightMinutesBasis: state.minutes.light,
      moderateMinutesBasis: state.minutes.moderate,
      vigorousMinutesBasis: state.minutes.vigorous,
      bonuses: state.bonuses,
      earned: state.earned,
      updatedAt: sql`now()`,
    }).where(and(eq(pointsDays.userId, userId), eq(pointsDays.day, day)));
  }

  async findActivity(userId: string, externalId: string): Promise<Activity | null> {
    const [row] = await this.orm.select().from(activities)
      .where(and(eq(activities.userId, userId), eq(activities.externalId, externalId)));
    return row ? toActivity(row) : null;
  }

  async findActivities(userId: string, externalIds: string[]): Promise<Activity[]> {
    if (externalIds.length === 0) return [];
    const rows = await this.orm.select().from(activities)
      .where(and(eq(activities.userId, userId), inArray(activities.externalId, externalIds)));
    return rows.map(toActivity);
  }

  async insertActivity(write: ActivityWrite): Promise<Activity> {
    const [row] = await this.orm.insert(activities).values({
      ...columns(write) as typeof activities.$inferInsert,
      processed: true,
      // The arrival order breaks ties between duplicates; several events can
      // share one transaction, so its start time (now()) would tie them all.
      createdAt: sql`clock_timestamp()`,
    }).returning();
    return toActivity(row);
  }

  async updateActivity(id: string, write: Partial<ActivityWrite>): Promise<Activity> {
    const [row] = await this.orm.update(activities)
      .set({ ...columns(write), updatedAt: sql`now()` })
      .where(eq(activities.id, id)).returning();
    return toActivity(row);
  }

  async addActivityPoints(
    id: string,
    points: number,
    metrics: Record<string, unknown>,
  ): Promise<void> {
    await this.orm.update(activities).set({
      pointsEarned: sql`${activities.pointsEarned} + ${points}`,
      metrics,
      updatedAt: sql`now()`,
    }).where(eq(activities.id, id));
  }

  async dayActivities(userId: string, from: Date, until: Date): Promise<DayActivity[]> {
    const rows = await this.orm.select({
      activity: activities,
      primary: trackerConnections.isPrimary,
    })
      .from(activities)
      .leftJoin(trackerConnections, eq(trackerConnections.id, activities.connectionId))
      .where(and(
        eq(activities.userId, userId),
        gte(activities.startTime, from),
        lt(activities.startTime, until),
      ));
    return rows.map((r) => ({ ...toActivity(r.activity), connection_primary: r.primary ?? false }));
  }

  recordEvent(event: NewWebhookEvent): Promise<boolean> {
    return events.recordEvent(this.orm, event);
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

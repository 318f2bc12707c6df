/**
 * {@link TrackerRepo} over drizzle: the user's connections, OAuth states,
 * primary switching, sync bookkeeping, and the sums the activity summary reads.
 *
 * @module
 */
import { and, asc, desc, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { ActivityTotals, SyncTarget, TrackerRepo } from "../../core/trackers/repo.ts";
import {
  type ConnectionStatus,
  type ConnectionWithOwner,
  PROVIDER_LABELS,
  type SyncStatus,
  type TrackerConnection,
} from "../../core/trackers/schemas.ts";
import type { TrackerProvider } from "../../core/ingest/schemas.ts";
import type { Orm } from "../client.ts";
import { trackerAuthStates, trackerConnectionsV2 as tc, users } from "../schema/mod.ts";
import { iso } from "./_list.ts";
import * as summary from "./trackers_summary.ts";

type Row = typeof tc.$inferSelect;

function toView(row: Row): TrackerConnection {
  return {
    id: row.id,
    provider: row.provider,
    label: PROVIDER_LABELS[row.provider],
    is_primary: row.isPrimary,
    status: row.status,
    sync_status: row.syncStatus,
    last_sync_at: iso(row.lastSyncAt),
    next_sync_at: iso(row.nextSyncAt),
    sync_requested: row.syncRequestedAt !== null,
    last_sync_error: row.lastSyncError,
    error_message: row.errorMessage,
    created_at: iso(row.createdAt)!,
  };
}

function toTarget(row: Row): SyncTarget {
  return {
    id: row.id,
    userId: row.userId,
    provider: row.provider,
    terraUserId: row.terraUserId,
    isPrimary: row.isPrimary,
    status: row.status,
    syncStatus: row.syncStatus,
    lastSyncAt: row.lastSyncAt,
    syncAttempts: row.syncAttempts,
    createdAt: row.createdAt,
  };
}

const live = isNull(tc.deletedAt);
const touched = { updatedAt: sql`now()` };

export class DrizzleTrackerRepo implements TrackerRepo {
  constructor(private readonly orm: Orm) {}

  async listForUser(userId: string): Promise<TrackerConnection[]> {
    const rows = await this.orm.select().from(tc).where(and(eq(tc.userId, userId), live))
      .orderBy(desc(tc.isPrimary), asc(tc.createdAt));
    return rows.map(toView);
  }

  async findForUser(userId: string, provider: TrackerProvider): Promise<SyncTarget | null> {
    const [row] = await this.orm.select().from(tc)
      .where(and(eq(tc.userId, userId), eq(tc.provider, provider), live));
    return row ? toTarget(row) : null;
  }

  async listAll(
    filter: { status?: ConnectionStatus | SyncStatus; userId?: string },
  ): Promise<ConnectionWithOwner[]> {
    const rows = await this.orm.select({ c: tc, email: users.email }).from(tc)
      .innerJoin(users, eq(users.id, tc.userId))
      .where(and(
        live,
        filter.status
          ? or(sql`${tc.status} = ${filter.status}`, sql`${tc.syncStatus} = ${filter.status}`)
          : undefined,
        filter.userId ? eq(tc.userId, filter.userId) : undefined,
      ))
      .orderBy(asc(users.email), desc(tc.isPrimary), asc(tc.createdAt));
    return rows.map((r) => ({ ...toView(r.c), user_id: r.c.userId, email: r.email }));
  }

  async saveState(
    input: { hash: string; userId: string; provider: string; expiresAt: Date },
  ): Promise<void> {
    await this.orm.insert(trackerAuthStates).values({
      stateHash: input.hash,
      userId: input.userId,
      provider: input.provider,
      expiresAt: input.expiresAt,
    });
  }

  async consumeState(
    hash: string,
    now: Date,
  ): Promise<{ userId: string; provider: string } | null> {
    const [row] = await this.orm.update(trackerAuthStates).set({ usedAt: now })
      .where(and(
        eq(trackerAuthStates.stateHash, hash),
        isNull(trackerAuthStates.usedAt),
        gte(trackerAuthStates.expiresAt, now),
      ))
      .returning({ userId: trackerAuthStates.userId, provider: trackerAuthStates.provider });
    return row ?? null;
  }

  async setPrimary(userId: string, id: string): Promise<void> {
    // The partial unique index allows one primary: clear first, then set.
    await this.orm.update(tc).set({ isPrimary: false, ...touched })
      .where(and(eq(tc.userId, userId), eq(tc.isPrimary, true), live));
    await this.orm.update(tc).set({ isPrimary: true, ...touched })
      .where(and(eq(tc.id, id), eq(tc.userId, userId), live));
  }

  async remove(userId: string, id: string): Promise<void> {
    const [gone] = await this.orm.update(tc).set({
      status: "disconnected",
      isPrimary: false,
      deletedAt: sql`now()`,
      ...touched,
    }).where(and(eq(tc.id, id), eq(tc.userId, userId), live)).returning({ id: tc.id });
    if (!gone) return;
    const [hasPrimary] = await this.orm.select({ id: tc.id }).from(tc)
      .where(and(eq(tc.userId, userId), eq(tc.isPrimary, true), live));
    if (hasPrimary) return;
    const [next] = await this.orm.select({ id: tc.id }).from(tc)
      .where(and(eq(tc.userId, userId), live)).orderBy(asc(tc.createdAt)).limit(1);
    if (next) await this.setPrimary(userId, next.id);
  }

  async requestSync(id: string, at: Date): Promise<void> {
    await this.orm.update(tc).set({
      syncRequestedAt: at,
      nextSyncAt: null,
      syncAttempts: 0,
      syncStatus: "pending",
      ...touched,
    }).where(eq(tc.id, id));
  }

  async claimManualSync(id: string, now: Date, windowSeconds: number): Promise<boolean> {
    const since = new Date(now.getTime() - windowSeconds * 1000);
    const claimed = await this.orm.update(tc).set({ manualSyncAt: now, ...touched })
      .where(and(eq(tc.id, id), or(isNull(tc.manualSyncAt), lte(tc.manualSyncAt, since))))
      .returning({ id: tc.id });
    return claimed.length === 1;
  }

  async manualSyncWait(id: string, now: Date, windowSeconds: number): Promise<number> {
    const [row] = await this.orm.select({ at: tc.manualSyncAt }).from(tc).where(eq(tc.id, id));
    if (!row?.at) return 0;
    return Math.max(0, Math.ceil((row.at.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  }

  async dueForSync(query: {
    now: Date;
    staleBefore: Date;
    limit: number;
    userId?: string;
    ignoreBackoff?: boolean;
  }): Promise<SyncTarget[]> {
    const conditions: (SQL | undefined)[] = [
      live,
      or(eq(tc.status, "active"), eq(tc.status, "error")),
      sql`${tc.terraUserId} IS NOT NULL`,
      query.userId ? eq(tc.userId, query.userId) : undefined,
      or(
        isNull(tc.lastSyncAt),
        lte(tc.lastSyncAt, query.staleBefore),
        sql`${tc.syncRequestedAt} IS NOT NULL`,
      ),
      query.ignoreBackoff ? undefined : or(isNull(tc.nextSyncAt), lte(tc.nextSyncAt, query.now)),
    ];
    // A connection the aggregator refused waits for the user to reconnect, not for a cycle.
    if (!query.userId) conditions.push(eq(tc.status, "active"));
    const rows = await this.orm.select().from(tc).where(and(...conditions))
      .orderBy(sql`${tc.lastSyncAt} ASC NULLS FIRST`).limit(query.limit);
    return rows.map(toTarget);
  }

  async markSyncing(id: string): Promise<void> {
    await this.orm.update(tc).set({ syncStatus: "syncing", ...touched }).where(eq(tc.id, id));
  }

  async syncSucceeded(id: string, at: Date): Promise<void> {
    await this.orm.update(tc).set({
      syncStatus: "success",
      lastSyncAt: at,
      syncAttempts: 0,
      nextSyncAt: null,
      syncRequestedAt: null,
      lastSyncError: null,
      ...touched,
    }).where(eq(tc.id, id));
  }

  async syncFailed(
    id: string,
    input: { attempts: number; status: "failed" | "error"; nextAt: Date | null; error: string },
  ): Promise<void> {
    await this.orm.update(tc).set({
      syncStatus: input.status,
      syncAttempts: input.attempts,
      nextSyncAt: input.nextAt,
      // The queued request is served (and failed); the retry schedule takes over.
      syncRequestedAt: null,
      lastSyncError: input.error.slice(0, 500),
      ...touched,
    }).where(eq(tc.id, id));
  }

  async markNeedsReconnect(id: string, message: string): Promise<void> {
    await this.orm.update(tc).set({
      status: "error",
      syncStatus: "error",
      errorMessage: message.slice(0, 500),
      lastSyncError: message.slice(0, 500),
      syncRequestedAt: null,
      nextSyncAt: null,
      syncAttempts: 0,
      ...touched,
    }).where(eq(tc.id, id));
  }

  activityTotals(userId: string, from: Date, until: Date): Promise<ActivityTotals> {
    return summary.activityTotals(this.orm, userId, from, until);
  }

  earnedByDay(userId: string, fromDay: string, toDay: string): Promise<Map<string, number>> {
    return summary.earnedByDay(this.orm, userId, fromDay, toDay);
  }
}

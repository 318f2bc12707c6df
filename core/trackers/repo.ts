import type { TrackerProvider } from "../ingest/schemas.ts";
import type {
  ConnectionStatus,
  ConnectionWithOwner,
  SyncStatus,
  TrackerConnection,
} from "./schemas.ts";

/** A connection the sync job is about to fetch. */
export interface SyncTarget {
  id: string;
  userId: string;
  provider: TrackerProvider;
  terraUserId: string | null;
  isPrimary: boolean;
  status: ConnectionStatus;
  syncStatus: SyncStatus;
  lastSyncAt: Date | null;
  syncAttempts: number;
  createdAt: Date;
}

/** Totals of a user's activities in [from, until), duplicates excluded. */
export interface ActivityTotals {
  steps: number;
  active_minutes: number;
  workouts: number;
  workout_minutes: number;
  activities: number;
}

/** Storage for tracker connections, OAuth states, sync bookkeeping and summaries. */
export interface TrackerRepo {
  listForUser(userId: string): Promise<TrackerConnection[]>;
  findForUser(userId: string, provider: TrackerProvider): Promise<SyncTarget | null>;
  /**
   * Every live connection with its owner; `status` matches the connection's
   * status or its sync status ("error" finds both kinds of trouble).
   */
  listAll(
    filter: { status?: ConnectionStatus | SyncStatus; userId?: string },
  ): Promise<ConnectionWithOwner[]>;

  saveState(input: { hash: string; userId: string; provider: string; expiresAt: Date }): Promise<
    void
  >;
  /** Marks a state used and returns it, or null when unknown, used or expired (atomic). */
  consumeState(hash: string, now: Date): Promise<{ userId: string; provider: string } | null>;

  /** Makes `id` the user's only primary connection. */
  setPrimary(userId: string, id: string): Promise<void>;
  /** Soft-deletes a connection (activities stay); the oldest remaining one becomes primary. */
  remove(userId: string, id: string): Promise<void>;

  /** Queues a sync ahead of the cycle. */
  requestSync(id: string, at: Date): Promise<void>;
  /**
   * Records a manual sync unless one was recorded less than `windowSeconds`
   * ago; false when refused. Atomic, so two racing requests cannot both pass.
   */
  claimManualSync(id: string, now: Date, windowSeconds: number): Promise<boolean>;
  /** Seconds until the next manual sync is allowed (0 when allowed). */
  manualSyncWait(id: string, now: Date, windowSeconds: number): Promise<number>;

  /**
   * Active connections (and ones in sync error) whose last sync is older than
   * `staleBefore`, or that have a sync queued, and whose backoff has passed.
   */
  dueForSync(query: {
    now: Date;
    staleBefore: Date;
    limit: number;
    /** Only this user's connections. */
    userId?: string;
    /** Ignore scheduled retries (an operator's `fittrack sync run`). */
    ignoreBackoff?: boolean;
  }): Promise<SyncTarget[]>;
  markSyncing(id: string): Promise<void>;
  syncSucceeded(id: string, at: Date): Promise<void>;
  syncFailed(
    id: string,
    input: { attempts: number; status: "failed" | "error"; nextAt: Date | null; error: string },
  ): Promise<void>;
  /** The aggregator refused the connection: it needs reconnecting. */
  markNeedsReconnect(id: string, message: string): Promise<void>;

  activityTotals(userId: string, from: Date, until: Date): Promise<ActivityTotals>;
  /** Points earned per platform day (points_days), days in [fromDay, toDay]. */
  earnedByDay(userId: string, fromDay: string, toDay: string): Promise<Map<string, number>>;
}

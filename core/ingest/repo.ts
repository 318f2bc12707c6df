import type { Activity } from "../activities/schemas.ts";
import type { DayState } from "../points/rules/day_ledger.ts";
import type { Connection, TrackerProvider } from "./schemas.ts";

/** An activity row to insert or the fields to change. */
export interface ActivityWrite {
  user_id: string;
  connection_id: string;
  external_id: string;
  activity_type: Activity["activity_type"];
  start_time: Date;
  end_time: Date | null;
  duration_minutes: number | null;
  intensity: Activity["intensity"];
  metrics: Record<string, unknown>;
}

/** An activity of the day with its connection's primary flag. */
export interface DayActivity extends Activity {
  connection_primary: boolean;
}

/** One user's platform day. */
export interface DayKey {
  userId: string;
  day: string;
}

/** A user-day with the instants it spans, [from, until). */
export interface DayRange extends DayKey {
  from: Date;
  until: Date;
}

/** What has been paid for on one user-day. */
export interface DayStateRow extends DayKey {
  state: DayState;
}

export interface LockedDays {
  days: DayStateRow[];
  /**
   * Database clock (epoch microseconds) once every lock is held: activities
   * the batch creates arrive after it, one microsecond apart, so arrival order
   * holds across transactions that take the same user-day in turn.
   */
  lockedAtMicros: number;
}

/** An activity a batch creates, as it leaves the batch. */
export interface ActivityInsert {
  activity: Activity;
  /** ISO instant with microseconds (the arrival order). */
  createdAt: string;
}

/** A stored activity a batch changed, as it leaves the batch. */
export interface ActivityUpdate {
  activity: Activity;
  pointsAdded: number;
}

/** A stored webhook delivery. */
export interface WebhookEvent {
  trace_id: string;
  event_type: string;
  terra_user_id: string | null;
  ordering_ts: number | null;
  payload: Record<string, unknown>;
  status: "pending" | "processed" | "parked" | "failed" | "ignored";
  attempts: number;
}

/** A due event's id and whose it is (for grouping a user's events into one batch). */
export interface DueEvent {
  trace_id: string;
  terra_user_id: string | null;
}

export interface NewWebhookEvent {
  trace_id: string;
  event_type: string;
  terra_user_id: string | null;
  reference: string | null;
  ordering_ts: number | null;
  payload: Record<string, unknown>;
}

/** Storage for ingestion: connections, activities, paid user-days and webhook events. */
export interface IngestRepo {
  connectionByTerraUser(terraUserId: string): Promise<Connection | null>;
  /** {@link connectionByTerraUser} for several Terra users at once (those that have one). */
  connectionsByTerraUsers(terraUserIds: string[]): Promise<Connection[]>;
  /** Links a Terra user to the user's connection for `provider` (created, primary if first). */
  attachConnection(
    input: { userId: string; provider: TrackerProvider; terraUserId: string },
  ): Promise<Connection>;
  updateConnection(
    id: string,
    patch: { status?: Connection["status"]; errorMessage?: string | null; terraUserId?: string },
  ): Promise<void>;
  /** Soft-deletes a connection; its activities stay. */
  removeConnection(id: string): Promise<void>;

  /**
   * The user-day rows, created if missing. With `lock` (the default) they are
   * locked until the transaction ends, in (user, day) order, so batches that
   * share user-days serialize on them and never deadlock.
   */
  lockDays(keys: DayKey[], options?: { lock?: boolean }): Promise<LockedDays>;
  /** Stores the new paid state of each user-day (rows already locked). */
  saveDays(days: DayStateRow[]): Promise<void>;
  /**
   * The users' tiers (null for a deleted user or one without a profile). With
   * `lock` (the default) the user rows are locked in id order, after the days.
   */
  userTiers(userIds: string[], options?: { lock?: boolean }): Promise<Map<string, string | null>>;

  /** The stored activities with these (user, external id) keys (those that exist). */
  findActivitiesByKeys(keys: { userId: string; externalId: string }[]): Promise<Activity[]>;
  /** Every activity starting inside each range, tagged with the range's user-day. */
  activitiesOfDays(ranges: DayRange[]): Promise<{ day: DayKey; activity: DayActivity }[]>;
  /** New rows, whole (client-made ids; `createdAt` keeps microseconds). */
  insertActivities(rows: ActivityInsert[]): Promise<void>;
  /** Stored rows get the batch's fields and metrics; `pointsAdded` adds to points_earned. */
  updateActivities(rows: ActivityUpdate[]): Promise<void>;

  /**
   * Records a delivery; false when its trace id was seen before (a repeat of
   * an event whose processing failed puts it back in the queue).
   */
  recordEvent(event: NewWebhookEvent): Promise<boolean>;
  /** Pending events and failed ones due for a retry (backoff), oldest first (no lock). */
  dueEvents(limit: number, maxAttempts: number): Promise<DueEvent[]>;
  /** Locks one due event for processing, or null when another worker has it or it is done. */
  claimEvent(traceId: string, maxAttempts: number): Promise<WebhookEvent | null>;
  /** {@link claimEvent} for several events at once; the claimed ones, in `traceIds` order. */
  claimEvents(traceIds: string[], maxAttempts: number): Promise<WebhookEvent[]>;
  /** {@link finishEvent} for several events at once. */
  finishEvents(
    finished: {
      traceId: string;
      status: WebhookEvent["status"];
      outcome: Record<string, unknown>;
    }[],
  ): Promise<void>;
  finishEvent(
    traceId: string,
    status: WebhookEvent["status"],
    outcome: Record<string, unknown>,
  ): Promise<void>;
  failEvent(traceId: string, error: string): Promise<void>;
  /** Parked events of a Terra user become pending again; returns how many. */
  unparkEvents(terraUserId: string): Promise<number>;
}

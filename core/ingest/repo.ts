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
   * The user-day row, created if missing. With `lock` (the default) it is
   * locked until the transaction ends (SELECT ... FOR UPDATE).
   */
  lockDay(userId: string, day: string, options?: { lock?: boolean }): Promise<DayState>;
  saveDay(userId: string, day: string, state: DayState): Promise<void>;

  findActivity(userId: string, externalId: string): Promise<Activity | null>;
  /** The user's activities with these external ids (those that exist). */
  findActivities(userId: string, externalIds: string[]): Promise<Activity[]>;
  insertActivity(write: ActivityWrite): Promise<Activity>;
  /** Changes the given fields; returns the row as stored. */
  updateActivity(id: string, write: Partial<ActivityWrite>): Promise<Activity>;
  addActivityPoints(id: string, points: number, metrics: Record<string, unknown>): Promise<void>;
  dayActivities(userId: string, from: Date, until: Date): Promise<DayActivity[]>;

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

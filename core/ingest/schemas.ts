/**
 * Provider-neutral records and commands the ingest operations take. The Terra
 * adapter (integrations/terra) turns wire payloads into these.
 *
 * @module
 */
import type { Minutes } from "../points/rules/rates.ts";

export const TRACKER_PROVIDERS = ["apple_health", "google_fit", "fitbit"] as const;
export type TrackerProvider = typeof TRACKER_PROVIDERS[number];

/** One tracker connection, as ingest sees it. */
export interface Connection {
  id: string;
  userId: string;
  provider: TrackerProvider;
  terraUserId: string | null;
  isPrimary: boolean;
  status: "pending" | "active" | "error" | "disconnected";
}

/** Minutes by intensity where the provider said; null where it did not. */
export type ReportedMinutes = { [K in keyof Minutes]: number | null };

/** A completed workout, keyed by (connection, summaryId). */
export interface WorkoutRecord {
  kind: "workout";
  summaryId: string;
  start: string;
  end: string | null;
  durationMinutes: number | null;
  minutes: ReportedMinutes;
  steps: number | null;
  /** The provider deleted it (Terra upload_type 4). */
  deleted: boolean;
  name: string | null;
  raw: Record<string, unknown>;
}

/** A day's cumulative totals, keyed by (connection, date). */
export interface DailyRecord {
  kind: "daily";
  /** The provider's calendar date, YYYY-MM-DD, taken before any zone conversion. */
  date: string;
  steps: number | null;
  minutes: ReportedMinutes;
  raw: Record<string, unknown>;
}

export type NormalizedRecord = WorkoutRecord | DailyRecord;

/** What one webhook event asks core to do. */
export type IngestCommand =
  | {
    kind: "records";
    terraUserId: string;
    records: NormalizedRecord[];
    orderingTs: number | null;
  }
  | {
    kind: "connect";
    terraUserId: string;
    referenceId: string | null;
    provider: TrackerProvider | null;
    providerName: string;
  }
  | { kind: "reconnect"; oldTerraUserId: string; newTerraUserId: string }
  | {
    kind: "connection_status";
    terraUserId: string;
    status: "error" | "disconnected";
    message: string;
  }
  | { kind: "ignore"; reason: string };

/** What happened to one record. */
export interface RecordOutcome {
  external_id: string;
  activity_id: string | null;
  result: "created" | "updated" | "unchanged" | "stale" | "duplicate";
  granted: number;
  capped: boolean;
  correction: boolean;
  duplicate_of?: string;
}

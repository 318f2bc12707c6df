/**
 * Terra wire payloads → provider-neutral records and commands. Nearly every
 * Terra field is nullable, so each reader accepts anything and keeps nulls as
 * "not reported" (a later copy's null never erases a value; see core/ingest).
 *
 * @module
 */
import type {
  DailyRecord,
  IngestCommand,
  NormalizedRecord,
  ReportedMinutes,
  WorkoutRecord,
} from "../../core/ingest/schemas.ts";
import type { WebhookEvent } from "../../core/ingest/repo.ts";
import { providerFromTerra } from "./providers.ts";

type Json = Record<string, unknown>;

/** Terra `upload_type` 4: the provider deleted the record. */
const UPLOAD_TYPE_DELETE = 4;

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Json : {};
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim().length > 0 ? value : null;
}

function minutesOf(seconds: unknown): number | null {
  const s = count(seconds);
  return s === null ? null : Math.floor(s / 60);
}

function instant(value: unknown): string | null {
  const s = text(value);
  return s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : null;
}

function intensityMinutes(durations: Json): ReportedMinutes {
  return {
    light: minutesOf(durations.low_intensity_seconds),
    moderate: minutesOf(durations.moderate_intensity_seconds),
    vigorous: minutesOf(durations.vigorous_intensity_seconds),
  };
}

/** A Terra Activity (one workout); null when it lacks a summary id or a start. */
export function normalizeActivity(item: unknown): WorkoutRecord | null {
  const data = obj(item);
  const meta = obj(data.metadata);
  const summaryId = text(meta.summary_id);
  const start = instant(meta.start_time);
  if (!summaryId || !start) return null;
  const end = instant(meta.end_time);
  const durations = obj(data.active_durations_data);
  const minutes = intensityMinutes(durations);
  const span = end ? Math.max(0, Math.floor((Date.parse(end) - Date.parse(start)) / 60_000)) : null;
  const duration = minutesOf(durations.activity_seconds) ?? span;
  // Without an intensity split the workout's minutes count as light: never more than we know.
  const unsplit = minutes.light === null && minutes.moderate === null && minutes.vigorous === null;
  return {
    kind: "workout",
    summaryId,
    start,
    end: end && end >= start ? end : null,
    durationMinutes: duration,
    minutes: unsplit && duration !== null ? { light: duration, moderate: 0, vigorous: 0 } : minutes,
    steps: count(obj(obj(data.distance_data).summary).steps),
    deleted: meta.upload_type === UPLOAD_TYPE_DELETE,
    name: text(meta.name),
    raw: data,
  };
}

/** A Terra Daily; the day is the date part of metadata.start_time, before any zone conversion. */
export function normalizeDaily(item: unknown): DailyRecord | null {
  const data = obj(item);
  const date = text(obj(data.metadata).start_time)?.slice(0, 10) ?? null;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return null;
  return {
    kind: "daily",
    date,
    steps: count(obj(data.distance_data).steps),
    minutes: intensityMinutes(obj(data.active_durations_data)),
    raw: data,
  };
}

function records(payload: Json, read: (item: unknown) => NormalizedRecord | null) {
  const items = Array.isArray(payload.data) ? payload.data : [];
  const out = items.map(read).filter((r): r is NormalizedRecord => r !== null);
  return { records: out, skipped: items.length - out.length };
}

const STATUS_MESSAGES: Record<string, string> = {
  access_revoked: "Access was revoked at the provider; reconnect the tracker.",
  connection_error: "The provider no longer accepts the connection; reconnect the tracker.",
};

/** The command a stored Terra event asks for. */
export function decodeTerraEvent(event: WebhookEvent): IngestCommand {
  const payload = event.payload;
  const user = obj(payload.user);
  const terraUserId = text(user.user_id);
  switch (event.event_type) {
    case "auth": {
      if (payload.status !== "success" || !terraUserId) {
        return { kind: "ignore", reason: `auth ${String(payload.status ?? "without status")}` };
      }
      const providerName = String(user.provider ?? "");
      return {
        kind: "connect",
        terraUserId,
        referenceId: text(payload.reference_id) ?? text(user.reference_id),
        provider: providerFromTerra(providerName),
        providerName,
      };
    }
    case "user_reauth": {
      const oldId = text(obj(payload.old_user).user_id);
      const newId = text(obj(payload.new_user).user_id);
      return oldId && newId
        ? { kind: "reconnect", oldTerraUserId: oldId, newTerraUserId: newId }
        : { kind: "ignore", reason: "user_reauth without old_user/new_user" };
    }
    case "deauth":
    case "access_revoked":
    case "connection_error":
      if (!terraUserId) return { kind: "ignore", reason: `${event.event_type} without user` };
      return {
        kind: "connection_status",
        terraUserId,
        status: event.event_type === "deauth" ? "disconnected" : "error",
        message: STATUS_MESSAGES[event.event_type] ?? "The tracker was disconnected.",
      };
    case "activity":
    case "daily": {
      if (!terraUserId) return { kind: "ignore", reason: `${event.event_type} without user` };
      const read = event.event_type === "activity" ? normalizeActivity : normalizeDaily;
      const { records: list } = records(payload, read);
      return { kind: "records", terraUserId, records: list, orderingTs: event.ordering_ts };
    }
    case "healthcheck":
    case "large_request_processing":
    case "large_request_sending":
      return { kind: "ignore", reason: `${event.event_type} (informational)` };
    default:
      return { kind: "ignore", reason: `event type ${event.event_type} is not handled` };
  }
}

/**
 * Terra-shaped payloads for the simulated Terra and for tests: an Activity
 * (workout), a Daily (cumulative day) and the webhook envelope, with the
 * field layout of terra-api.md §3–4 (steps under distance_data.summary for
 * activities, directly under distance_data for dailies).
 *
 * @module
 */

export interface SimUser {
  user_id: string;
  provider: string;
  reference_id: string | null;
  active: boolean;
  scopes: string | null;
  created_at: string;
  last_webhook_update: string | null;
}

export interface ActivityInput {
  summaryId: string;
  start: string;
  minutes?: { light?: number; moderate?: number; vigorous?: number };
  steps?: number | null;
  uploadType?: number;
  name?: string | null;
}

const seconds = (m: number | undefined) => (m === undefined ? null : m * 60);

/** A Terra Activity object. */
export function terraActivity(input: ActivityInput): Record<string, unknown> {
  const m = input.minutes ?? {};
  const total = (m.light ?? 0) + (m.moderate ?? 0) + (m.vigorous ?? 0);
  const start = new Date(input.start);
  const end = new Date(start.getTime() + total * 60_000);
  return {
    metadata: {
      summary_id: input.summaryId,
      name: input.name ?? "Workout",
      start_time: start.toISOString().replace("Z", "+00:00"),
      end_time: end.toISOString().replace("Z", "+00:00"),
      type: 8,
      upload_type: input.uploadType ?? 1,
      timestamp_localization: 0,
      city: null,
      state: null,
      country: null,
    },
    distance_data: {
      summary: { distance_meters: null, steps: input.steps ?? null },
      detailed: null,
    },
    active_durations_data: {
      activity_seconds: total * 60,
      low_intensity_seconds: seconds(m.light),
      moderate_intensity_seconds: seconds(m.moderate),
      vigorous_intensity_seconds: seconds(m.vigorous),
      activity_levels_samples: [],
    },
    calories_data: { total_burned_calories: null, calorie_samples: [] },
    heart_rate_data: null,
    device_data: { name: "FitTrack Simulator", manufacturer: "FitTrack", data_provided: [] },
    data_enrichment: null,
  };
}

export interface DailyInput {
  date: string;
  steps?: number | null;
  minutes?: { light?: number | null; moderate?: number | null; vigorous?: number | null };
}

/** A Terra Daily object (cumulative totals for one calendar day, UTC offset). */
export function terraDaily(input: DailyInput): Record<string, unknown> {
  const m = input.minutes ?? {};
  const next = new Date(`${input.date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const secs = (v: number | null | undefined) => (v === undefined || v === null ? null : v * 60);
  return {
    metadata: {
      start_time: `${input.date}T00:00:00.000000+00:00`,
      end_time: `${next.toISOString().slice(0, 10)}T00:00:00.000000+00:00`,
      upload_type: 1,
      timestamp_localization: 1,
    },
    distance_data: { steps: input.steps ?? null, distance_meters: null, floors_climbed: null },
    active_durations_data: {
      activity_seconds: null,
      low_intensity_seconds: secs(m.light),
      moderate_intensity_seconds: secs(m.moderate),
      vigorous_intensity_seconds: secs(m.vigorous),
    },
    calories_data: null,
    heart_rate_data: null,
    scores: { activity: null, recovery: null, sleep: null },
    data_enrichment: null,
  };
}

/** The webhook envelope for a data event. */
export function dataEvent(
  type: "activity" | "daily",
  user: SimUser,
  data: Record<string, unknown>[],
): Record<string, unknown> {
  return { type, version: "2022-03-16", user, data };
}

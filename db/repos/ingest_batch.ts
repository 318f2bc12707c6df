/**
 * The set-based half of {@link DrizzleIngestRepo}: each function is one
 * statement whatever the batch size. The batch travels as one jsonb parameter
 * read with jsonb_to_recordset, so the statement text never changes with the
 * batch size and postgres.js prepares it once per connection.
 *
 * @module
 */
import { eq, sql } from "drizzle-orm";
import type { Activity } from "../../core/activities/schemas.ts";
import type {
  ActivityInsert,
  ActivityUpdate,
  DayActivity,
  DayKey,
  DayRange,
  DayStateRow,
  LockedDays,
} from "../../core/ingest/repo.ts";
import type { Orm } from "../client.ts";
import { activities, trackerConnections } from "../schema/mod.ts";
import { toActivity } from "./activities.ts";
import { rowsOf } from "./points.ts";

function json(value: unknown) {
  return sql`${JSON.stringify(value)}::jsonb`;
}

interface DayRow {
  user_id: string;
  day: string;
  steps_basis: number;
  light_minutes_basis: number;
  moderate_minutes_basis: number;
  vigorous_minutes_basis: number;
  bonuses: number;
  earned: number;
  /** clock_timestamp() in epoch microseconds, as text. */
  clock: string;
}

const DAY_COLUMNS = sql`d.user_id, d.day::text AS day, d.steps_basis, d.light_minutes_basis,
  d.moderate_minutes_basis, d.vigorous_minutes_basis, d.bonuses, d.earned,
  (extract(epoch FROM clock_timestamp()) * 1000000)::bigint::text AS clock`;

const KEYS = sql`AS k(user_id uuid, day date)`;

export async function lockDays(
  orm: Orm,
  keys: DayKey[],
  options: { lock?: boolean } = {},
): Promise<LockedDays> {
  if (keys.length === 0) return { days: [], lockedAtMicros: 0 };
  const input = json(keys.map((k) => ({ user_id: k.userId, day: k.day })));
  let rows: DayRow[];
  if (options.lock === false) {
    await orm.execute(sql`INSERT INTO points_days (user_id, day)
      SELECT k.user_id, k.day FROM jsonb_to_recordset(${input}) ${KEYS}
      ON CONFLICT DO NOTHING`);
    rows = rowsOf<DayRow>(
      await orm.execute(sql`SELECT ${DAY_COLUMNS} FROM points_days d
        JOIN jsonb_to_recordset(${input}) ${KEYS} ON d.user_id = k.user_id AND d.day = k.day`),
    );
  } else {
    // One round trip: the rows are inserted (or, through the no-op DO UPDATE,
    // locked like SELECT ... FOR UPDATE) in (user, day) order, so two batches
    // sharing user-days take them in the same order and never deadlock.
    rows = rowsOf<DayRow>(
      await orm.execute(sql`INSERT INTO points_days AS d (user_id, day)
        SELECT k.user_id, k.day FROM jsonb_to_recordset(${input}) ${KEYS}
         ORDER BY k.user_id, k.day
        ON CONFLICT (user_id, day) DO UPDATE SET user_id = excluded.user_id
        RETURNING ${DAY_COLUMNS}`),
    );
  }
  return {
    days: rows.map((row) => ({
      userId: row.user_id,
      day: row.day,
      state: {
        steps: Number(row.steps_basis),
        minutes: {
          light: Number(row.light_minutes_basis),
          moderate: Number(row.moderate_minutes_basis),
          vigorous: Number(row.vigorous_minutes_basis),
        },
        bonuses: Number(row.bonuses),
        earned: Number(row.earned),
      },
    })),
    lockedAtMicros: Math.max(...rows.map((r) => Number(r.clock))),
  };
}

export async function saveDays(orm: Orm, days: DayStateRow[]): Promise<void> {
  if (days.length === 0) return;
  const input = json(days.map((d) => ({
    user_id: d.userId,
    day: d.day,
    steps: d.state.steps,
    light: d.state.minutes.light,
    moderate: d.state.minutes.moderate,
    vigorous: d.state.minutes.vigorous,
    bonuses: d.state.bonuses,
    earned: d.state.earned,
  })));
  await orm.execute(sql`UPDATE points_days d
       SET steps_basis = v.steps, light_minutes_basis = v.light,
           moderate_minutes_basis = v.moderate, vigorous_minutes_basis = v.vigorous,
           bonuses = v.bonuses, earned = v.earned, updated_at = now()
      FROM jsonb_to_recordset(${input}) AS v(user_id uuid, day date, steps int, light int,
           moderate int, vigorous int, bonuses int, earned int)
     WHERE d.user_id = v.user_id AND d.day = v.day`);
}

/**
 * FOR NO KEY UPDATE is the lock the balance UPDATE takes anyway; FOR UPDATE
 * would also wait for the key-share locks that foreign keys to the user take
 * (another batch inserting the user's day row) and deadlock with them.
 */
export async function userTiers(
  orm: Orm,
  userIds: string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = rowsOf<{ id: string; tier_code: string | null }>(
    await orm.execute(
      sql`SELECT u.id, CASE WHEN u.deleted_at IS NULL THEN p.tier_code END AS tier_code
      FROM users u LEFT JOIN profiles p ON p.user_id = u.id
     WHERE u.id IN (SELECT x::uuid FROM jsonb_array_elements_text(${json(userIds)}) AS x)
     ORDER BY u.id ${options.lock === false ? sql`` : sql`FOR NO KEY UPDATE OF u`}`,
    ),
  );
  return new Map(rows.map((r) => [r.id, r.tier_code]));
}

export async function findActivitiesByKeys(
  orm: Orm,
  keys: { userId: string; externalId: string }[],
): Promise<Activity[]> {
  if (keys.length === 0) return [];
  const input = json(keys.map((k) => ({ user_id: k.userId, external_id: k.externalId })));
  const rows = await orm.select().from(activities).where(
    sql`(${activities.userId}, ${activities.externalId}) IN (SELECT k.user_id, k.external_id
      FROM jsonb_to_recordset(${input}) AS k(user_id uuid, external_id text))`,
  );
  return rows.map(toActivity);
}

export async function activitiesOfDays(
  orm: Orm,
  ranges: DayRange[],
): Promise<{ day: DayKey; activity: DayActivity }[]> {
  if (ranges.length === 0) return [];
  const input = json(ranges.map((r) => ({
    user_id: r.userId,
    day: r.day,
    from_at: r.from.toISOString(),
    until_at: r.until.toISOString(),
  })));
  const rows = await orm.select({
    activity: activities,
    primary: trackerConnections.isPrimary,
    userId: sql<string>`r.user_id`,
    day: sql<string>`r.day`,
  }).from(activities)
    .innerJoin(
      sql`jsonb_to_recordset(${input}) AS r(user_id uuid, day text, from_at timestamptz,
        until_at timestamptz)`,
      sql`${activities.userId} = r.user_id AND ${activities.startTime} >= r.from_at
        AND ${activities.startTime} < r.until_at`,
    )
    .leftJoin(trackerConnections, eq(trackerConnections.id, activities.connectionId));
  return rows.map((r) => ({
    day: { userId: r.userId, day: r.day },
    activity: { ...toActivity(r.activity), connection_primary: r.primary ?? false },
  }));
}

const ACTIVITY_RECORD = sql`id uuid, user_id uuid, connection_id uuid, external_id text,
  activity_type text, start_time timestamptz, end_time timestamptz, duration_minutes int,
  intensity text, metrics jsonb, points int, created_at timestamptz`;

function activityJson(a: Activity, points: number, createdAt: string | null) {
  return {
    id: a.id,
    user_id: a.user_id,
    connection_id: a.connection_id,
    external_id: a.external_id,
    activity_type: a.activity_type,
    start_time: a.start_time,
    end_time: a.end_time,
    duration_minutes: a.duration_minutes,
    intensity: a.intensity,
    metrics: a.metrics,
    points,
    created_at: createdAt,
  };
}

export async function insertActivities(orm: Orm, rows: ActivityInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const input = json(
    rows.map((r) => activityJson(r.activity, r.activity.points_earned, r.createdAt)),
  );
  await orm.execute(sql`INSERT INTO activities (id, user_id, connection_id, external_id,
      activity_type, start_time, end_time, duration_minutes, intensity, metrics, points_earned,
      processed, created_at)
    SELECT id, user_id, connection_id, external_id, activity_type, start_time, end_time,
           duration_minutes, intensity, metrics, points, true, created_at
      FROM jsonb_to_recordset(${input}) AS r(${ACTIVITY_RECORD})`);
}

export async function updateActivities(orm: Orm, rows: ActivityUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  const input = json(rows.map((r) => activityJson(r.activity, r.pointsAdded, null)));
  await orm.execute(sql`UPDATE activities a
       SET user_id = r.user_id, connection_id = r.connection_id, external_id = r.external_id,
           activity_type = r.activity_type, start_time = r.start_time, end_time = r.end_time,
           duration_minutes = r.duration_minutes, intensity = r.intensity, metrics = r.metrics,
           points_earned = a.points_earned + r.points, updated_at = now()
      FROM jsonb_to_recordset(${input}) AS r(${ACTIVITY_RECORD})
     WHERE a.id = r.id`);
}

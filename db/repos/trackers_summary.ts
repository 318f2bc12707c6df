/**
 * The sums behind GET /api/v1/activities/summary: activity totals in a range
 * (the losing copy of a record two trackers reported is not counted twice) and
 * points earned per platform day.
 *
 * @module
 */
import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { ActivityTotals } from "../../core/trackers/repo.ts";
import type { Orm } from "../client.ts";
import { activities, pointsDays } from "../schema/mod.ts";

export async function activityTotals(
  orm: Orm,
  userId: string,
  from: Date,
  until: Date,
): Promise<ActivityTotals> {
  const steps = sql`coalesce((${activities.metrics}->'normalized'->>'steps')::numeric,
    (${activities.metrics}->>'steps')::numeric, 0)`;
  const of = (type: string) => sql`${activities.activityType} = ${type}`;
  const [row] = await orm.select({
    steps: sql<string>`coalesce(sum(${steps}) FILTER (WHERE ${of("steps")}), 0)`,
    activeMinutes: sql<string>`coalesce(sum(${activities.durationMinutes})
      FILTER (WHERE ${of("active_minutes")}), 0)`,
    workouts: sql<string>`count(*) FILTER (WHERE ${of("workout")})`,
    workoutMinutes: sql<string>`coalesce(sum(${activities.durationMinutes})
      FILTER (WHERE ${of("workout")}), 0)`,
    all: sql<string>`count(*)`,
  }).from(activities).where(and(
    eq(activities.userId, userId),
    gte(activities.startTime, from),
    lt(activities.startTime, until),
    sql`${activities.metrics}->'points'->>'duplicate_of' IS NULL`,
  ));
  return {
    steps: Math.round(Number(row.steps)),
    active_minutes: Number(row.activeMinutes),
    workouts: Number(row.workouts),
    workout_minutes: Number(row.workoutMinutes),
    activities: Number(row.all),
  };
}

export async function earnedByDay(
  orm: Orm,
  userId: string,
  fromDay: string,
  toDay: string,
): Promise<Map<string, number>> {
  const rows = await orm.select({ day: pointsDays.day, earned: pointsDays.earned })
    .from(pointsDays)
    .where(and(
      eq(pointsDays.userId, userId),
      gte(pointsDays.day, fromDay),
      lte(pointsDays.day, toDay),
    ));
  return new Map(rows.map((r) => [r.day, r.earned]));
}

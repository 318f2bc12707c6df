import { and, eq, gte, lt } from "drizzle-orm";
import type { ActivityListQuery, ActivityRepo } from "../../core/activities/repo.ts";
import type { Activity } from "../../core/activities/schemas.ts";
import type { Page } from "../../core/pagination.ts";
import type { Orm } from "../client.ts";
import { activities } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

type Row = typeof activities.$inferSelect;

export function toActivity(row: Row): Activity {
  return {
    id: row.id,
    user_id: row.userId,
    connection_id: row.connectionId,
    external_id: row.externalId,
    activity_type: row.activityType,
    start_time: iso(row.startTime)!,
    end_time: iso(row.endTime),
    duration_minutes: row.durationMinutes,
    intensity: row.intensity,
    metrics: row.metrics,
    points_earned: row.pointsEarned,
    processed: row.processed,
    created_at: iso(row.createdAt)!,
  };
}

const SORT_COLUMNS = {
  start_time: activities.startTime,
  created_at: activities.createdAt,
  points_earned: activities.pointsEarned,
};

export class DrizzleActivityRepo implements ActivityRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<Activity | null> {
    const [row] = await this.orm.select().from(activities).where(eq(activities.id, id));
    return row ? toActivity(row) : null;
  }

  list(query: ActivityListQuery): Promise<Page<Activity>> {
    const f = query.filters;
    const where = and(
      f.activity_type
        ? eq(activities.activityType, f.activity_type as Row["activityType"])
        : undefined,
      f.user_id ? eq(activities.userId, f.user_id) : undefined,
      f.intensity
        ? eq(activities.intensity, f.intensity as NonNullable<Row["intensity"]>)
        : undefined,
      query.from ? gte(activities.startTime, query.from) : undefined,
      query.until ? lt(activities.startTime, query.until) : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, activities.id);
    return pageFrom({
      orm: this.orm,
      table: activities,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(activities).where(where).orderBy(...order).limit(limit).offset(
          offset,
        ),
      map: toActivity,
    });
  }
}

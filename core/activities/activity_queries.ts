/**
 * Reading activities. `filter[start_date]`/`filter[end_date]` are platform days
 * (FITTRACK_TIMEZONE), inclusive on both ends.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { startOfPlatformDay } from "../time/platform_day.ts";
import type { Activity, ActivityFilter, ActivitySort } from "./schemas.ts";

export async function getActivity(deps: CoreDeps, id: string): Promise<Activity> {
  const activity = await deps.store.activities.findById(id);
  if (!activity) throw notFound("Activity", id);
  return activity;
}

export async function listActivities(
  deps: CoreDeps,
  query: ListQuery<ActivitySort, ActivityFilter>,
): Promise<Page<Activity>> {
  const { start_date: start, end_date: end } = query.filters;
  if (start && end && start > end) {
    throw new DomainError("validation", "The date range is empty.", {
      errors: [{ field: "filter[end_date]", message: "must not be before filter[start_date]" }],
    });
  }
  return await deps.store.activities.list({
    ...query,
    from: start ? startOfPlatformDay(start, deps.timeZone) : undefined,
    until: end ? startOfPlatformDay(nextDate(end), deps.timeZone) : undefined,
  });
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

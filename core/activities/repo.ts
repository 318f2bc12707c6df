import type { ListQuery, Page } from "../pagination.ts";
import type { Activity, ActivityFilter, ActivitySort } from "./schemas.ts";

/** Date filters arrive as platform-day bounds already turned into instants. */
export interface ActivityListQuery extends ListQuery<ActivitySort, ActivityFilter> {
  from?: Date;
  until?: Date;
}

export interface ActivityRepo {
  findById(id: string): Promise<Activity | null>;
  list(query: ActivityListQuery): Promise<Page<Activity>>;
}

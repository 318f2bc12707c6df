import { createRoute } from "@hono/zod-openapi";
import { getActivity, listActivities } from "../../../core/activities/activity_queries.ts";
import {
  ACTIVITY_FILTERS,
  ACTIVITY_LIST_SPEC,
  ACTIVITY_SORTS,
  ActivitySchema,
} from "../../../core/activities/schemas.ts";
import { assertSelfOrAdmin, scopeToViewer } from "../../../core/auth/access.ts";
import { activitySummary, ActivitySummarySchema } from "../../../core/activities/summary.ts";
import { listQueryFrom } from "../../list.ts";
import { actorOf, secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { createRouter } from "../../router.ts";
import { IdParamSchema, jsonContent, listQuerySchema, pageSchema } from "../../schemas/common.ts";
import type { AppRouteHandler } from "../../types.ts";

const tags = ["Activities"];
const Activity = ActivitySchema.openapi("Activity");

const list = createRoute({
  method: "get",
  path: "/api/v1/activities",
  ...secured(),
  tags,
  summary: "List activities",
  description:
    "filter[start_date] and filter[end_date] are platform days (FITTRACK_TIMEZONE), inclusive.",
  request: { query: listQuerySchema({ sortable: ACTIVITY_SORTS, filters: ACTIVITY_FILTERS }) },
  responses: {
    200: jsonContent(pageSchema(Activity, "ActivityPage"), "One page of activities"),
    ...problemResponses(400, 401, 403),
  },
});

const get = createRoute({
  method: "get",
  path: "/api/v1/activities/{id}",
  ...secured(),
  tags,
  summary: "Get an activity with its metrics",
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(Activity, "The activity"),
    ...problemResponses(400, 401, 403, 404),
  },
});

const summary = createRoute({
  method: "get",
  path: "/api/v1/activities/summary",
  ...secured(),
  tags,
  summary: "Your totals today, this week and this month, streak and points left under the cap",
  responses: {
    200: jsonContent(ActivitySummarySchema.openapi("ActivitySummary"), "The summary"),
    ...problemResponses(401),
  },
});

const summaryHandler: AppRouteHandler<typeof summary> = async (c) =>
  c.json(await activitySummary(c.get("services").core, actorOf(c).id), 200);

const listHandler: AppRouteHandler<typeof list> = async (c) => {
  const query = listQueryFrom(c, ACTIVITY_LIST_SPEC, c.req.valid("query"));
  query.filters = scopeToViewer(actorOf(c), query.filters);
  return c.json(await listActivities(c.get("services").core, query), 200);
};

const getHandler: AppRouteHandler<typeof get> = async (c) => {
  const activity = await getActivity(c.get("services").core, c.req.valid("param").id);
  assertSelfOrAdmin(actorOf(c), activity.user_id);
  return c.json(activity, 200);
};

export const activitiesRouter = createRouter()
  .openapi(list, listHandler)
  .openapi(summary, summaryHandler) // before {id}: "summary" is not an id
  .openapi(get, getHandler);

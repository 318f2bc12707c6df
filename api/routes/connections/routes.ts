import { createRoute, z } from "@hono/zod-openapi";
import {
  CallbackQuerySchema,
  InitiateResultSchema,
  MessageSchema,
  ProviderParamSchema,
  TRACKER_PROVIDERS,
  TrackerConnectionSchema,
} from "../../../core/trackers/schemas.ts";
import { secured } from "../../middleware/auth.ts";
import { problemResponses } from "../../problem.ts";
import { jsonContent } from "../../schemas/common.ts";

const tags = ["Connections"];
const Connection = TrackerConnectionSchema.openapi("TrackerConnection");
const params = ProviderParamSchema.openapi("ProviderParam");

export const ConnectionListSchema = z.object({
  items: z.array(Connection),
  providers: z.array(z.object({
    provider: z.enum(TRACKER_PROVIDERS),
    label: z.string(),
    flow: z.enum(["widget", "sdk"]),
  })),
}).openapi("TrackerConnectionList");

export const list = createRoute({
  ...secured(),
  method: "get",
  path: "/api/v1/connections",
  tags,
  summary: "List your tracker connections (primary first) and the providers you can connect",
  responses: {
    200: jsonContent(ConnectionListSchema, "Your connections"),
    ...problemResponses(401),
  },
});

export const initiate = createRoute({
  ...secured(),
  method: "post",
  path: "/api/v1/connections/{provider}/initiate",
  tags,
  summary: "Start connecting a tracker",
  description: "Web providers (fitbit) answer Terra's widget URL, whose redirect carries a " +
    "single-use `state` bound to you (15 minutes). SDK-only providers (apple_health, " +
    "google_fit) answer a mobile SDK token; their connection appears with Terra's `auth` webhook.",
  request: { params },
  responses: {
    200: jsonContent(InitiateResultSchema.openapi("ConnectionStart"), "How to continue"),
    ...problemResponses(400, 401, 503),
  },
});

export const callback = createRoute({
  method: "get",
  path: "/api/v1/connections/{provider}/callback",
  tags,
  summary: "OAuth callback (Terra redirects the browser here)",
  description: "Checks `state` (issued by initiate for this provider, unused, unexpired) and " +
    "that `reference_id` and the Terra user both name the user who started it, then stores " +
    "the connection (the first is primary), queues a sync and redirects to the app.",
  request: { params, query: CallbackQuerySchema.openapi("ConnectionCallbackQuery") },
  responses: {
    302: {
      description: "Redirect to the app: `?connected=PROVIDER` or `?connect_error=PROVIDER`",
      headers: z.object({ location: z.string() }),
    },
    ...problemResponses(400, 422, 503),
  },
});

export const disconnect = createRoute({
  ...secured(),
  method: "delete",
  path: "/api/v1/connections/{provider}",
  tags,
  summary: "Disconnect a tracker (its activities and points stay)",
  request: { params },
  responses: {
    200: jsonContent(MessageSchema.openapi("Message"), "Disconnected"),
    ...problemResponses(400, 401, 404),
  },
});

export const setPrimary = createRoute({
  ...secured(),
  method: "put",
  path: "/api/v1/connections/{provider}/set-primary",
  tags,
  summary: "Make a connection primary (it wins overlapping workouts and days)",
  request: { params },
  responses: {
    200: jsonContent(z.object({ items: z.array(Connection) }), "Your connections"),
    ...problemResponses(400, 401, 404),
  },
});

export const sync = createRoute({
  ...secured(),
  method: "post",
  path: "/api/v1/connections/{provider}/sync",
  tags,
  summary: "Queue a sync now (once per 5 minutes per connection)",
  request: { params },
  responses: {
    202: jsonContent(
      MessageSchema.extend({ connection_id: z.uuid(), provider: z.enum(TRACKER_PROVIDERS) }),
      "Sync queued",
    ),
    ...problemResponses(400, 401, 404, 429),
  },
});

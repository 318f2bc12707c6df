import { createRoute, z } from "@hono/zod-openapi";
import { problemResponses } from "../../problem.ts";
import { jsonContent } from "../../schemas/common.ts";

export const WebhookAckSchema = z.object({
  status: z.enum(["accepted", "duplicate"]),
  trace_id: z.string(),
}).openapi("WebhookAck");

export const terra = createRoute({
  method: "post",
  path: "/api/v1/webhooks/terra",
  tags: ["Webhooks"],
  summary: "Receive a Terra webhook delivery",
  description: "Verifies `terra-signature` (HMAC-SHA256 over the raw body, 300 s tolerance) " +
    "before reading anything, records the delivery once by `X-Terra-Trace-Id` and answers at " +
    "once; a job processes it. The body is Terra's event envelope (`type`, `user`, `data`...); " +
    "it is read raw, so it is not validated here.",
  responses: {
    200: jsonContent(WebhookAckSchema, "Recorded (or already recorded)"),
    ...problemResponses(400, 401, 413, 422),
  },
});

/**
 * Development helpers: the mailbox reads the outbox so the console mail
 * transport stays usable (the test page's Mailbox panel uses it). Every
 * route here answers 404 in production.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { EmailSchema } from "../../../core/users/schemas.ts";
import { problem, problemResponses } from "../../problem.ts";
import { createRouter } from "../../router.ts";
import { jsonContent } from "../../schemas/common.ts";
import type { AppRouteHandler } from "../../types.ts";

const Mail = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  created_at: z.string(),
  kind: z.string(),
  status: z.string(),
}).openapi("MailboxItem");

const mailbox = createRoute({
  method: "get",
  path: "/api/v1/dev/mailbox",
  tags: ["Dev"],
  summary: "Mails queued for an address, newest first (development only; 404 in production)",
  request: {
    query: z.object({
      to: EmailSchema.openapi({ example: "user@fittrack.dev" }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonContent(z.object({ items: z.array(Mail) }).openapi("Mailbox"), "The mails"),
    ...problemResponses(400, 404),
  },
});

const mailboxHandler: AppRouteHandler<typeof mailbox> = async (c) => {
  const { to, limit } = c.req.valid("query");
  const items = await c.get("services").core.store.outbox.listFor(to, limit);
  return c.json({
    items: items.map((m) => ({
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      created_at: m.created_at,
      kind: m.kind,
      status: m.status,
    })),
  }, 200);
};

const router = createRouter();
router.use("/api/v1/dev/*", async (c, next) => {
  if (c.get("services").config.isProduction) {
    return problem(c, {
      status: 404,
      detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`,
    });
  }
  await next();
});

export const devRouter = router.openapi(mailbox, mailboxHandler);

import type { MailTransport } from "../../core/mail/outbox.ts";
import type { Logger } from "../observability/logger.ts";

/**
 * Development transport: logs one line per mail and keeps the body in the
 * outbox, where GET /api/v1/dev/mailbox and the test page read it.
 */
export function createConsoleTransport(logger: Logger): MailTransport {
  return {
    kind: "console",
    send: (message, from) => {
      logger.info("mail (console transport)", {
        from,
        to: message.to,
        subject: message.subject,
        kind: message.kind,
      });
      return Promise.resolve();
    },
  };
}

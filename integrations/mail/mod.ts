/**
 * The mail transport the settings choose: console (default), smtp or sendgrid.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import type { MailTransport } from "../../core/mail/outbox.ts";
import type { Logger } from "../observability/logger.ts";
import { createConsoleTransport } from "./console.ts";
import { createSendgridTransport } from "./sendgrid.ts";
import { createSmtpTransport } from "./smtp.ts";

export function createMailTransport(config: Config, logger: Logger): MailTransport {
  switch (config.MAIL_TRANSPORT) {
    case "smtp":
      if (!config.SMTP_URL) throw new Error("SMTP_URL is required when MAIL_TRANSPORT=smtp");
      return createSmtpTransport(config.SMTP_URL);
    case "sendgrid":
      if (!config.SENDGRID_API_KEY) {
        throw new Error("SENDGRID_API_KEY is required when MAIL_TRANSPORT=sendgrid");
      }
      return createSendgridTransport({
        apiKey: config.SENDGRID_API_KEY,
        baseUrl: config.SENDGRID_BASE_URL,
      });
    default:
      return createConsoleTransport(logger);
  }
}

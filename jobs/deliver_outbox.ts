import { deliverOutbox } from "../core/mail/deliver_outbox.ts";
import type { Services } from "../services.ts";

/** Sends due outbox mail through the configured transport (console, smtp, sendgrid). */
export async function deliverOutboxTick(services: Services, now: Date): Promise<string> {
  const result = await deliverOutbox({
    outbox: services.core.store.outbox,
    transport: services.mail,
    from: services.config.MAIL_FROM,
  }, now);
  return `mail via ${services.mail.kind}: ${result.sent} sent, ${result.retrying} to retry, ${result.failed} failed`;
}

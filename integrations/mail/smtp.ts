import nodemailer from "nodemailer";
import type { MailTransport } from "../../core/mail/outbox.ts";

/** SMTP via nodemailer; `url` is smtp://user:pass@host:port (smtps:// for implicit TLS). */
export function createSmtpTransport(
  url: string,
  options: { tls?: { rejectUnauthorized: boolean } } = {},
): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(url, options);
  return {
    kind: "smtp",
    send: async (message, from) => {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close: () => transporter.close(),
  };
}

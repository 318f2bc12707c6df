import type { MailTransport } from "../../core/mail/outbox.ts";

/** SendGrid's v3 mail/send HTTP API. A non-2xx answer throws with SendGrid's message. */
export function createSendgridTransport(
  options: { apiKey: string; baseUrl: string; timeoutMs?: number },
): MailTransport {
  return {
    kind: "sendgrid",
    send: async (message, from) => {
      const match = /^(.*)<([^>]+)>\s*$/.exec(from);
      const sender = match ? { name: match[1].trim(), email: match[2].trim() } : { email: from };
      const response = await fetch(`${options.baseUrl.replace(/\/$/, "")}/v3/mail/send`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: message.to }] }],
          from: sender,
          subject: message.subject,
          content: [
            { type: "text/plain", value: message.text },
            { type: "text/html", value: message.html },
          ],
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = await response.text();
      if (!response.ok) {
        throw new Error(`SendGrid refused the mail: HTTP ${response.status} ${body.slice(0, 300)}`);
      }
    },
  };
}

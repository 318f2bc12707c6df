import assert from "node:assert/strict";
import { SMTPServer } from "smtp-server";
import { deliverOutboxTick } from "../../../jobs/deliver_outbox.ts";
import { createSmtpTransport } from "../../../integrations/mail/smtp.ts";
import { testContext } from "../../_support/services.ts";
import { expectJson } from "../../_support/http.ts";
import { registration } from "../../_support/auth.ts";

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server on a free loopback port that keeps what it receives. */
async function startSmtp(options: { rejectFirst?: number } = {}) {
  const received: Received[] = [];
  let rejections = options.rejectFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      stream.on("end", () => {
        if (rejections > 0) {
          rejections--;
          return callback(
            Object.assign(new Error("mailbox busy, try later"), { responseCode: 451 }),
          );
        }
        received.push({
          from: String(session.envelope.mailFrom && session.envelope.mailFrom.address),
          to: session.envelope.rcptTo.map((r) => r.address),
          data: new TextDecoder().decode(
            chunks.reduce((all, c) => new Uint8Array([...all, ...c]), new Uint8Array()),
          ),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

Deno.test("smtp transport - the outbox job delivers a registration mail to a real SMTP server", async () => {
  const smtp = await startSmtp();
  const t = await testContext();
  const transport = createSmtpTransport(smtp.url);
  try {
    const input = registration({ email: "smtp.user@example.com" });
    await expectJson(
      await t.request("/api/v1/auth/register", { method: "POST", json: input }),
      201,
    );
    const services = { ...t.services, mail: transport };
    const summary = await deliverOutboxTick(services, new Date());
    assert.match(summary, /1 sent/);
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    assert.deepEqual(mail.to, ["smtp.user@example.com"]);
    assert.equal(mail.from, "no-reply@fittrack.local");
    assert.match(mail.data, /Subject: Verify your FitTrack email address/);
    assert.match(mail.data, /text\/plain/);
    assert.match(mail.data, /text\/html/);
    assert.match(await deliverOutboxTick(services, new Date()), /0 sent/, "sent exactly once");
  } finally {
    transport.close();
    await t.close();
    await smtp.close();
  }
});

Deno.test("smtp transport - a refused mail is retried later, then delivered once", async () => {
  const smtp = await startSmtp({ rejectFirst: 1 });
  const t = await testContext();
  const transport = createSmtpTransport(smtp.url);
  try {
    await expectJson(
      await t.request("/api/v1/auth/register", { method: "POST", json: registration() }),
      201,
    );
    const services = { ...t.services, mail: transport };
    const now = new Date();
    assert.match(await deliverOutboxTick(services, now), /0 sent, 1 to retry/);
    assert.match(
      await deliverOutboxTick(services, new Date(now.getTime() + 5_000)),
      /0 sent, 0 to retry/,
      "not due before the backoff",
    );
    assert.match(await deliverOutboxTick(services, new Date(now.getTime() + 31_000)), /1 sent/);
    assert.equal(smtp.received.length, 1);
  } finally {
    transport.close();
    await t.close();
    await smtp.close();
  }
});

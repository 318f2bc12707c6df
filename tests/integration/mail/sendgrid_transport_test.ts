import assert from "node:assert/strict";
import { createSendgridTransport } from "../../../integrations/mail/sendgrid.ts";

/** A local stand-in for api.sendgrid.com that records what it is sent. */
function fakeSendgrid(status: number) {
  const seen: { path: string; auth: string | null; body: Record<string, unknown> }[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    seen.push({
      path: new URL(req.url).pathname,
      auth: req.headers.get("authorization"),
      body: await req.json(),
    });
    return status === 202
      ? new Response(null, { status })
      : Response.json({ errors: [{ message: "The from address is not verified" }] }, { status });
  });
  return { seen, url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

const message = {
  kind: "verify_email",
  to: "ann@example.com",
  subject: "Verify",
  text: "plain",
  html: "<p>html</p>",
};

Deno.test("sendgrid transport - posts v3 mail/send with both bodies and the API key", async () => {
  const fake = fakeSendgrid(202);
  try {
    const transport = createSendgridTransport({ apiKey: "SG.test", baseUrl: fake.url });
    await transport.send(message, "FitTrack <no-reply@fittrack.dev>");
    assert.equal(fake.seen.length, 1);
    const [call] = fake.seen;
    assert.equal(call.path, "/v3/mail/send");
    assert.equal(call.auth, "Bearer SG.test");
    assert.deepEqual(call.body, {
      personalizations: [{ to: [{ email: "ann@example.com" }] }],
      from: { name: "FitTrack", email: "no-reply@fittrack.dev" },
      subject: "Verify",
      content: [{ type: "text/plain", value: "plain" }, {
        type: "text/html",
        value: "<p>html</p>",
      }],
    });
  } finally {
    await fake.close();
  }
});

Deno.test("sendgrid transport - a refusal throws with SendGrid's status and message", async () => {
  const fake = fakeSendgrid(403);
  try {
    const transport = createSendgridTransport({ apiKey: "SG.test", baseUrl: fake.url });
    await assert.rejects(
      transport.send(message, "no-reply@fittrack.dev"),
      /HTTP 403 .*from address is not verified/,
    );
  } finally {
    await fake.close();
  }
});

import assert from "node:assert/strict";
import { createApp } from "../../../api/app.ts";
import { createLogger } from "../../../integrations/observability/logger.ts";
import { createServices } from "../../../services.ts";
import { authHeaders } from "../../_support/auth.ts";
import { testContext, testServices } from "../../_support/services.ts";

Deno.test("logs - one JSON line per request with the route template, and no secrets", async () => {
  const lines: string[] = [];
  const base = await testServices();
  await base.close();
  const services = await createServices(base.config, {
    logger: createLogger("info", (line) => lines.push(line)),
  });
  try {
    const app = createApp(services);
    const password = "Very-Secret-Passw0rd!";
    const response = await app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-123" },
      body: JSON.stringify({ email: "nobody@example.com", password }),
    });
    await response.body?.cancel();
    const other = await app.request("/api/v1/users/550e8400-e29b-41d4-a716-446655440000");
    await other.body?.cancel();
    const entries = lines.map((l) => JSON.parse(l));
    const login = entries.find((e) => e.request_id === "req-123");
    assert.ok(login, "the request is logged under its X-Request-ID");
    assert.equal(login.method, "POST");
    assert.equal(login.route, "/api/v1/auth/login");
    assert.equal(login.status, 401);
    assert.equal(typeof login.duration_ms, "number");
    assert.ok(entries.some((e) => e.route === "/api/v1/users/:id"), "ids become the template");
    const all = lines.join("\n");
    assert.ok(!all.includes(password), "no password in any log line");
    assert.ok(!all.includes("nobody@example.com"), "no email in any log line");
  } finally {
    await services.close();
  }
});

Deno.test("errors - an unhandled error is a 500 problem and reaches the Sentry DSN without personal data", async () => {
  const received: { auth: string | null; body: Record<string, unknown> }[] = [];
  const sentry = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    received.push({ auth: req.headers.get("x-sentry-auth"), body: await req.json() });
    return new Response("{}", { status: 200 });
  });
  const t = await testContext({
    env: { SENTRY_DSN: `http://publickey@127.0.0.1:${sentry.addr.port}/42`, RELEASE: "1.2.3" },
  });
  try {
    const headers = await authHeaders(t, "user");
    t.app.get("/api/v1/boom/:id", () => {
      throw new Error("kaput");
    });
    const response = await t.request("/api/v1/boom/secret-id?email=x@example.com", {
      headers: { ...headers, "x-request-id": "boom-1" },
    });
    assert.equal(response.status, 500);
    const body = await response.json();
    assert.doesNotMatch(JSON.stringify(body), /kaput|stack/, "no internals in the answer");
    for (let i = 0; i < 50 && received.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(received.length, 1);
    const [{ auth, body: event }] = received;
    assert.match(auth ?? "", /sentry_key=publickey/);
    assert.equal(event.release, "1.2.3");
    assert.equal(event.environment, "test");
    const text = JSON.stringify(event);
    assert.match(text, /kaput/);
    assert.match(text, /\/api\/v1\/boom\/:id/);
    assert.match(text, /boom-1/);
    assert.ok(!text.includes("secret-id") && !text.includes("x@example.com"), "no raw URL");
    assert.ok(!text.includes("Bearer"), "no authorization header");
  } finally {
    await t.close();
    await sentry.shutdown();
  }
});

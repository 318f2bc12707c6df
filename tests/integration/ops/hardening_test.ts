import assert from "node:assert/strict";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { createApp } from "../../../api/app.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { TEST_REDIS_URL, testContext, testServices } from "../../_support/services.ts";

Deno.test("hardening - security headers on every response, API and pages alike", async () => {
  const t = await testContext();
  try {
    for (const path of ["/health", "/api/v1/nope", "/docs"]) {
      const response = await t.request(path);
      await response.body?.cancel();
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(response.headers.get("x-frame-options"), "DENY", path);
      assert.match(
        response.headers.get("content-security-policy") ?? "",
        /default-src 'self'/,
        path,
      );
      assert.ok(response.headers.get("x-request-id"), path);
    }
  } finally {
    await t.close();
  }
});

Deno.test("rate limit - 100 requests a minute per address, then 429 with Retry-After, shared across instances", async () => {
  // Two app instances on one cache (Redis when configured): the limit is global, not per process.
  const prefix = `rl${crypto.randomUUID().slice(0, 8)}:`;
  const env = { RATE_LIMIT_PER_MINUTE: "100", REDIS_PREFIX: prefix };
  const a = await testServices({ env });
  const b = TEST_REDIS_URL ? await testServices({ env }) : a;
  try {
    const apps = [createApp(a), createApp(b)];
    const statuses = await Promise.all(
      Array.from({ length: 130 }, async (_, i) => {
        const response = await apps[i % 2].request("/api/v1/drawings");
        await response.body?.cancel();
        return response;
      }),
    );
    const limited = statuses.filter((r) => r.status === 429);
    assert.equal(statuses.length - limited.length, 100, "exactly 100 pass the limiter");
    assert.equal(limited.length, 30);
    const retryAfter = Number(limited[0].headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    await expectProblem(await apps[0].request("/api/v1/users"), 429);
    assert.equal((await apps[0].request("/health")).status, 200, "health is not rate limited");
  } finally {
    if (b !== a) await b.close();
    await a.close();
  }
});

Deno.test("metrics - Prometheus text that a real parser reads, by route template", async () => {
  const t = await testContext();
  try {
    await t.request("/health").then((r) => r.body?.cancel());
    await t.request("/api/v1/users/550e8400-e29b-41d4-a716-446655440000").then((r) =>
      r.body?.cancel()
    );
    const response = await t.request("/metrics");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text()) as {
      name: string;
      type: string;
      metrics: { labels?: Record<string, string>; value?: string }[];
    }[];
    const byName = new Map(families.map((f) => [f.name, f]));
    for (
      const name of [
        "http_requests_total",
        "http_request_duration_seconds",
        "http_requests_in_flight",
      ]
    ) {
      assert.ok(byName.has(name), `${name} is exported`);
    }
    const routes = byName.get("http_requests_total")!.metrics.map((m) => m.labels?.route);
    assert.ok(routes.includes("/api/v1/users/:id"), `templated route, got ${routes}`);
    assert.ok(!routes.some((r) => r?.includes("550e8400")), "raw ids never become labels");
  } finally {
    await t.close();
  }
});

Deno.test("metrics - with METRICS_TOKEN set, /metrics answers only the token", async () => {
  const t = await testContext({ env: { METRICS_TOKEN: "s3cret-metrics-token-123" } });
  try {
    await expectProblem(await t.request("/metrics"), 404);
    const ok = await t.request("/metrics", {
      headers: { authorization: "Bearer s3cret-metrics-token-123" },
    });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    await expectJson(await t.request("/health"), 200);
  } finally {
    await t.close();
  }
});

import assert from "node:assert/strict";
import { createApp } from "../../../api/app.ts";
import { parseConfig } from "../../../config.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../core/admin/demo_accounts.ts";
import { TIER_CODES } from "../../../core/tiers/tier_code.ts";
import { US_STATES } from "../../../core/users/schemas.ts";
import * as pageData from "../../../static/test/js/reference-data.js";
import { expectProblem } from "../../_support/http.ts";
import { testContext, testServices } from "../../_support/services.ts";

/**
 * A complete production environment (config.ts refuses to start without each of
 * these); no connection is made with the values.
 */
const PRODUCTION_ENV = {
  APP_ENV: "production",
  DATABASE_URL: "postgres://db.invalid/fittrack",
  REDIS_URL: "redis://cache.invalid:6379",
  JWT_PRIVATE_KEY: "unused-in-this-test",
  JWT_PUBLIC_KEY: "unused-in-this-test",
  ENCRYPTION_KEY: `${"A".repeat(43)}=`,
  MAIL_TRANSPORT: "smtp",
  SMTP_URL: "smtp://mail.invalid:25",
  METRICS_TOKEN: "unused-in-this-test-0123456789",
};

const PAGE_FILES = [
  "/test/",
  "/test/js/main.js",
  "/test/css/test-page.css",
  "/test/vendor/prism/prism-core.min.js",
];

Deno.test("test page - served in development under a 'self'-only CSP", async () => {
  const t = await testContext();
  try {
    const page = await t.request("/test/");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    const html = await page.text();
    for (
      const tab of [
        "api",
        "leaderboards",
        "reports",
        "data",
        "auth",
        "trackers",
        "drawings",
        "admin-drawings",
      ]
    ) {
      assert.ok(html.includes(`data-testid="tab-${tab}"`), `tab ${tab} is on the page`);
    }
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
    assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handler");
    assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/, "nothing loaded from another origin");

    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|cdn\.jsdelivr/);

    for (const path of PAGE_FILES.slice(1)) {
      const response = await t.request(path);
      assert.equal(response.status, 200, path);
      await response.body?.cancel();
    }
    const redirect = await t.request("/test");
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get("location"), "/test/");

    // Swagger UI keeps the CDN bundle and inline start-up script it needs.
    const docs = await t.request("/docs");
    await docs.body?.cancel();
    assert.match(docs.headers.get("content-security-policy") ?? "", /cdn\.jsdelivr\.net/);
  } finally {
    await t.close();
  }
});

Deno.test("test page - 404 with APP_ENV=production", async () => {
  const config = parseConfig(PRODUCTION_ENV);
  assert.equal(config.testPageEnabled, false);
  const services = await testServices();
  try {
    const app = createApp({ ...services, config });
    for (const path of [...PAGE_FILES, "/test"]) {
      await expectProblem(await app.request(path), 404);
    }
  } finally {
    await services.close();
  }
});

Deno.test("test page - 404 with FEATURE_HTML_TEST_PAGE=false", async () => {
  const t = await testContext({ env: { FEATURE_HTML_TEST_PAGE: "false" } });
  try {
    assert.equal(t.services.config.testPageEnabled, false);
    for (const path of [...PAGE_FILES, "/test"]) {
      await expectProblem(await t.request(path), 404);
    }
    const root = await t.request("/");
    assert.equal(root.headers.get("location"), "/docs");
  } finally {
    await t.close();
  }
});

Deno.test("test page - dropdown lists and demo accounts match core", () => {
  assert.deepEqual(pageData.TIER_CODES, [...TIER_CODES]);
  assert.equal(pageData.TIER_CODES.length, 31);
  assert.deepEqual(pageData.US_STATES, [...US_STATES]);
  assert.equal(pageData.DEMO_PASSWORD, DEMO_PASSWORD);
  assert.deepEqual(
    pageData.DEMO_EMAILS,
    Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.role, account.email])),
  );
});

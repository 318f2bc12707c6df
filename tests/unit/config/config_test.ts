import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../../config.ts";

Deno.test("parseConfig() fills every default for an empty environment", () => {
  const config = parseConfig({});
  assert.equal(config.APP_ENV, "development");
  assert.equal(config.PORT, 8000);
  assert.equal(config.FITTRACK_TIMEZONE, "America/New_York");
  assert.deepEqual(config.EXCLUDED_STATES, ["NY", "FL", "RI"]);
  assert.equal(config.testPageEnabled, true);
  assert.equal(config.LEADERBOARD_CACHE_ENTRIES, 10_000);
});

Deno.test("parseConfig() names every bad value in one error", () => {
  try {
    parseConfig({
      PORT: "eighty",
      FITTRACK_TIMEZONE: "Mars/Base",
      DATABASE_URL: "mysql://x",
      LOG_LEVEL: "loud",
      LEADERBOARD_CACHE_ENTRIES: "-1",
    });
    assert.fail("expected a ConfigError");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const text = error.message;
    const keys = [
      "PORT",
      "FITTRACK_TIMEZONE",
      "DATABASE_URL",
      "LOG_LEVEL",
      "LEADERBOARD_CACHE_ENTRIES",
    ];
    for (const key of keys) {
      assert.match(text, new RegExp(key));
    }
    assert.doesNotMatch(text, /mysql:\/\/x/, "URLs may hold credentials and are not echoed");
  }
});

Deno.test("parseConfig() refuses production without its secrets, and disables the test page there", () => {
  assert.throws(() => parseConfig({ APP_ENV: "production" }), (e) =>
    e instanceof ConfigError &&
    ["DATABASE_URL", "REDIS_URL", "JWT_PRIVATE_KEY", "ENCRYPTION_KEY", "MAIL_TRANSPORT"].every((
      k,
    ) => e.problems.some((p) => p.startsWith(k))));
});

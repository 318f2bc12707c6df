import assert from "node:assert/strict";
import { expectJson } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

Deno.test("health - ok, live, ready with the database version, 503 once the database is gone", async () => {
  const t = await testContext();
  let closed = false;
  try {
    assert.deepEqual(await expectJson(await t.request("/health"), 200), { status: "ok" });
    await expectJson(await t.request("/health/live"), 200);
    const ready = await expectJson<{ checks: { database: { version: string } } }>(
      await t.request("/health/ready"),
      200,
    );
    assert.match(ready.checks.database.version, /PostgreSQL/);
    await t.services.db.close();
    closed = true;
    const down = await expectJson<{ status: string; checks: { database: { ok: boolean } } }>(
      await t.request("/health/ready"),
      503,
    );
    assert.equal(down.status, "unavailable");
    assert.equal(down.checks.database.ok, false);
  } finally {
    if (closed) await t.services.cache.close();
    else await t.close();
  }
});

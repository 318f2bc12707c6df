import assert from "node:assert/strict";
import { openDatabase } from "../../../db/client.ts";
import { TEST_DATABASE_URL } from "../../_support/services.ts";
import { cliEnv } from "../cli/_cli.ts";

interface Listed {
  items: { email: string; provider: string; sync_status: string; last_sync_at: string | null }[];
  total: number;
}

Deno.test("fittrack connections list / sync run - against the simulated Terra", async () => {
  const cli = await cliEnv();
  try {
    const created = await cli.run(
      "users",
      "create",
      "--email",
      "synced@example.com",
      "--display-name",
      "Synced",
      "--date-of-birth",
      "1990-01-02",
      "--state",
      "CA",
      "--sex",
      "male",
      "--fitness-level",
      "beginner",
    );
    assert.equal(created.code, 0, created.stderr);
    // A connection as Terra's auth webhook would leave it (the CLI is not running now).
    const db = await openDatabase({
      url: TEST_DATABASE_URL,
      schema: cli.env.DATABASE_SCHEMA,
      dataDir: cli.dataDir,
      poolSize: 1,
    });
    try {
      await db.session((raw) =>
        raw.exec(`INSERT INTO tracker_connections (user_id, provider, terra_user_id, is_primary)
          SELECT id, 'fitbit', 'cli-terra-user-1', true FROM users WHERE email = 'synced@example.com'`)
      );
    } finally {
      await db.close();
    }

    const listed = cli.json<Listed>(await cli.run("--json", "connections", "list"));
    assert.equal(listed.total, 1);
    assert.deepEqual(
      [listed.items[0].email, listed.items[0].provider, listed.items[0].sync_status],
      ["synced@example.com", "fitbit", "pending"],
    );
    assert.equal(
      cli.json<Listed>(await cli.run("--json", "connections", "list", "--status", "error")).total,
      0,
    );

    const run = await cli.run("--json", "sync", "run", "--user", "synced@example.com");
    assert.equal(run.code, 0, run.stderr);
    const summary = cli.json<{ due: number; synced: number; records: number; points: number }>(run);
    assert.equal(summary.due, 1);
    assert.equal(summary.synced, 1);
    assert.ok(summary.records > 0, "the simulated Terra answered data");
    assert.ok(summary.points > 0, "and it earned points");

    const after = cli.json<Listed>(
      await cli.run("--json", "connections", "list", "--user", "synced@example.com"),
    );
    assert.equal(after.items[0].sync_status, "success");
    assert.ok(after.items[0].last_sync_at);

    const table = await cli.run("connections", "list");
    assert.equal(table.code, 0);
    assert.match(table.stdout, /synced@example\.com.*fitbit.*success/);

    const unknown = await cli.run("sync", "run", "--user", "nobody@example.com");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /nobody@example\.com was not found/);
    const bad = await cli.run("connections", "list", "--status", "broken");
    assert.equal(bad.code, 2);
  } finally {
    await cli.close();
  }
});

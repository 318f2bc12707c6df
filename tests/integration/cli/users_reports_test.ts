import assert from "node:assert/strict";
import { cliEnv } from "./_cli.ts";

interface UserJson {
  id: string;
  email: string;
  role: string;
  profile: { tier_code: string };
}

Deno.test("fittrack users - create, list with filters, promote, unlock", async () => {
  const cli = await cliEnv();
  try {
    const created = await cli.run(
      "--json",
      "users",
      "create",
      "--email",
      "Ops.Person@Example.com",
      "--display-name",
      "Ops Person",
      "--date-of-birth",
      "1985-03-02",
      "--state",
      "ca",
      "--sex",
      "female",
      "--fitness-level",
      "advanced",
    );
    assert.equal(created.code, 0, created.stderr);
    const user = cli.json<UserJson>(created);
    assert.equal(user.email, "ops.person@example.com");
    assert.match(user.profile.tier_code, /^F-(30-39|40-49)-ADV$/);

    const duplicate = await cli.run(
      "users",
      "create",
      "--email",
      "ops.person@example.com",
      "--display-name",
      "Again",
      "--date-of-birth",
      "1985-03-02",
      "--state",
      "CA",
      "--sex",
      "female",
      "--fitness-level",
      "advanced",
    );
    assert.equal(duplicate.code, 1, "a conflict is a failure");
    assert.match(duplicate.stderr, /already exists/);

    const invalid = await cli.run(
      "users",
      "create",
      "--email",
      "not-an-email",
      "--display-name",
      "X",
      "--date-of-birth",
      "2015-01-01",
      "--state",
      "CA",
      "--sex",
      "male",
      "--fitness-level",
      "beginner",
    );
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /--email/);
    assert.match(invalid.stderr, /--display-name/);

    const promoted = await cli.run("--json", "users", "promote", user.email, "--role", "admin");
    assert.equal(promoted.code, 0, promoted.stderr);
    assert.equal(cli.json<UserJson>(promoted).role, "admin");

    const list = await cli.run("--json", "users", "list", "--role", "admin", "--per-page", "5");
    assert.equal(list.code, 0, list.stderr);
    const page = cli.json<{ items: UserJson[]; pagination: { total: number } }>(list);
    assert.deepEqual(page.items.map((u) => u.id), [user.id]);

    const table = await cli.run("users", "list");
    assert.match(table.stdout, /ops\.person@example\.com/);
    assert.match(table.stdout, /Page 1 of 1 \(1 users\)/);

    assert.equal((await cli.run("users", "list", "--per-page", "500")).code, 2);
    assert.equal((await cli.run("users", "list", "--sort", "password")).code, 2);

    const unlocked = await cli.run("--json", "users", "unlock", user.id);
    assert.equal(unlocked.code, 0, unlocked.stderr);
    assert.equal(cli.json<{ unlocked: boolean }>(unlocked).unlocked, true);

    const missing = await cli.run("users", "unlock", "nobody@example.com");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /not found/);
  } finally {
    await cli.close();
  }
});

Deno.test("fittrack reports - summary and integrity; a broken ledger exits 4", async () => {
  const cli = await cliEnv();
  try {
    assert.equal((await cli.run("db", "seed")).code, 0);
    const summary = await cli.run("--json", "reports", "summary");
    assert.equal(summary.code, 0, summary.stderr);
    const body = cli.json<{ totals: { users: number }; integrity: { passed: boolean } }>(summary);
    assert.equal(body.totals.users, 50);
    assert.equal(body.integrity.passed, true);
    assert.match((await cli.run("reports", "summary")).stdout, /balance_matches_ledger/);

    // Break an invariant behind the application's back: a balance that disagrees with the ledger.
    const { openDatabase } = await import("../../../db/client.ts");
    const db = await openDatabase({
      url: cli.env.DATABASE_URL,
      schema: cli.env.DATABASE_SCHEMA,
      dataDir: cli.dataDir,
    });
    try {
      await db.session((raw) =>
        raw.exec(
          "UPDATE users SET point_balance = point_balance + 1 WHERE email = 'user@fittrack.dev'",
        )
      );
    } finally {
      await db.close();
    }
    const broken = await cli.run("reports", "integrity");
    assert.equal(broken.code, 4, broken.stderr);
    assert.match(broken.stdout, /balance_matches_ledger\s+│ 1\s+│ FAIL/);
  } finally {
    await cli.close();
  }
});

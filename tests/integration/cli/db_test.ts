import assert from "node:assert/strict";
import { acquireDataDirLock } from "../../../db/data_dir_lock.ts";
import { cliEnv } from "./_cli.ts";

interface Stats {
  action: string;
  entities: Record<string, number>;
  options: Record<string, number>;
}

Deno.test("fittrack db - migrate, status, seed, reset with --json and exit codes", async () => {
  const cli = await cliEnv();
  try {
    const migrated = cli.json<{ applied: string[]; migrations: { applied_at: string | null }[] }>(
      await cli.run("--json", "db", "migrate"),
    );
    assert.ok(migrated.applied.includes("0001_core.sql"));
    assert.ok(migrated.migrations.every((m) => m.applied_at !== null));

    const seeded = await cli.run("db", "seed", "--users", "40", "--activities", "300", "--json");
    assert.equal(seeded.code, 0, seeded.stderr);
    const stats = cli.json<Stats>(seeded);
    assert.equal(stats.action, "seed");
    assert.equal(stats.entities.users, 40);
    assert.equal(stats.entities.activities, 300);

    const status = await cli.run("--json", "db", "status");
    assert.equal(status.code, 0, status.stderr);
    const body = cli.json<{ pending: string[]; entities: Record<string, number> }>(status);
    assert.deepEqual(body.pending, []);
    assert.equal(body.entities.users, 40);

    const table = await cli.run("db", "status");
    assert.equal(table.code, 0);
    assert.match(table.stdout, /│ users\s+│ 40\s+│/);

    const refused = await cli.run("db", "reset");
    assert.equal(refused.code, 2, "no TTY and no --yes: refuse");
    assert.match(refused.stderr, /--yes/);
    assert.equal(
      cli.json<{ entities: Record<string, number> }>(await cli.run("--json", "db", "status"))
        .entities.users,
      40,
      "nothing was dropped",
    );

    const reset = await cli.run("--json", "db", "reset", "--yes");
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(cli.json<Stats>(reset).entities.users, 50);

    const integrity = await cli.run("--json", "reports", "integrity");
    assert.equal(integrity.code, 0, integrity.stderr);
    assert.equal(cli.json<{ passed: boolean }>(integrity).passed, true);
  } finally {
    await cli.close();
  }
});

Deno.test("fittrack - --help everywhere, usage errors exit 2", async () => {
  const cli = await cliEnv();
  try {
    for (
      const args of [["--help"], ["db", "--help"], ["db", "seed", "--help"], [
        "users",
        "create",
        "--help",
      ]]
    ) {
      const help = await cli.run(...args);
      assert.equal(help.code, 0, args.join(" "));
      assert.match(help.stdout, /Usage: fittrack/);
    }
    assert.match((await cli.run("--help")).stdout, /Exit codes:/);
    assert.equal((await cli.run("nonsense")).code, 2);
    assert.equal((await cli.run("db", "seed", "--bogus")).code, 2);
    const bad = await cli.run("--json", "db", "seed", "--users", "3");
    assert.equal(bad.code, 2);
    const error = cli.json<{ error: { message: string; exit_code: number } }>(bad);
    assert.equal(error.error.exit_code, 2);
    assert.match(bad.stderr, /users/);
  } finally {
    await cli.close();
  }
});

Deno.test("fittrack - a bad setting exits 2 naming it", async () => {
  const cli = await cliEnv();
  try {
    cli.env.FITTRACK_TIMEZONE = "Mars/Olympus";
    const result = await cli.run("db", "status");
    assert.equal(result.code, 2);
    assert.match(result.stderr, /FITTRACK_TIMEZONE/);
  } finally {
    await cli.close();
  }
});

Deno.test("fittrack - an embedded database held by another process exits 3 naming it", async () => {
  {
    const cli = await cliEnv();
    try {
      if (!cli.dataDir) {
        // On PostgreSQL there is no data folder to hold: an unreachable server is the busy case.
        cli.env.DATABASE_URL = "postgres://root@127.0.0.1:1/none";
        const result = await cli.run("db", "status");
        assert.equal(result.code, 3, result.stderr);
        assert.match(result.stderr, /unreachable/);
        return;
      }
      const lock = await acquireDataDirLock(cli.dataDir);
      try {
        const result = await cli.run("--json", "db", "status");
        assert.equal(result.code, 3, result.stderr);
        assert.match(result.stderr, new RegExp(`in use by .*pid ${Deno.pid}`));
        assert.equal(cli.json<{ error: { exit_code: number } }>(result).error.exit_code, 3);
      } finally {
        await lock.release();
      }
    } finally {
      await cli.close();
    }
  }
});

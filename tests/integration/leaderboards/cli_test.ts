import assert from "node:assert/strict";
import type { Leaderboard } from "../../../core/leaderboards/schemas.ts";
import { cliEnv } from "../cli/_cli.ts";

Deno.test("fittrack leaderboards show / rebuild - the same boards as the API, rebuilt from the ledger", async () => {
  const cli = await cliEnv();
  try {
    const seeded = await cli.run("db", "seed", "--users", "60", "--activities", "600", "--json");
    assert.equal(seeded.code, 0, seeded.stderr);
    // The seed rebuilds the rollups, so a second rebuild from the ledger changes nothing.
    const rebuilt = cli.json<{ rollup_rows: number; boards: number }>(
      await cli.run("--json", "leaderboards", "rebuild"),
    );
    assert.deepEqual([rebuilt.rollup_rows, rebuilt.boards], [0, 124]);

    let shown = 0;
    for (const tier of ["M-30-39-INT", "F-30-39-INT", "M-18-29-BEG", "OPEN"]) {
      const result = await cli.run("--json", "leaderboards", "show", "alltime", "--tier", tier);
      assert.equal(result.code, 0, result.stderr);
      const board = cli.json<Leaderboard>(result);
      assert.equal(board.tier_code, tier);
      assert.deepEqual(board.rankings.map((r) => r.rank), board.rankings.map((_, i) => i + 1));
      assert.ok(board.rankings.every((r, i, all) => i === 0 || all[i - 1].points >= r.points));
      shown += board.rankings.length;
    }
    assert.ok(shown > 0, "the seeded users earned points on some board");

    const table = await cli.run("leaderboards", "show", "weekly", "--tier", "M-30-39-INT");
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /weekly board of M-30-39-INT/);
    const badTier = await cli.run("leaderboards", "show", "weekly", "--tier", "X-1");
    assert.notEqual(badTier.code, 0);
    assert.match(badTier.stderr, /tier/);
    const badPeriod = await cli.run("leaderboards", "show", "yearly", "--tier", "OPEN");
    assert.equal(badPeriod.code, 2);
  } finally {
    await cli.close();
  }
});

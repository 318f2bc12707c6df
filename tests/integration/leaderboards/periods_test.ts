import assert from "node:assert/strict";
import { getLeaderboard } from "../../../core/leaderboards/get_leaderboard.ts";
import { rebuildLeaderboards } from "../../../core/leaderboards/rebuild_leaderboards.ts";
import type { Period } from "../../../core/time/periods.ts";
import { sql } from "../../../db/client.ts";
import { pointTransactions } from "../../../db/schema/mod.ts";
import { reconcileLeaderboardsTick } from "../../../jobs/reconcile_leaderboards.ts";
import { recomputeTiersTick } from "../../../jobs/recompute_tiers.ts";
import { movableClock } from "../../_support/auth.ts";
import type { User } from "../../../core/users/schemas.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { earn, userIn } from "./_board.ts";

/**
 * An earning at an exact instant: the ledger row with that created_at, and the
 * rollup update points.append makes for it (which takes the row's created_at).
 */
async function earnAt(t: TestContext, userId: string, amount: number, iso: string) {
  const at = new Date(iso);
  await t.services.db.orm.insert(pointTransactions).values({
    userId,
    transactionType: "earn",
    amount,
    balanceAfter: amount,
    description: "boundary",
    createdAt: at,
  });
  await t.services.core.store.leaderboards.recordEarning({ userId, amount, at });
}

async function namesOn(t: TestContext, period: Period, tier: string, iso: string) {
  const core = { ...t.services.core, clock: { now: () => new Date(iso) } };
  const board = await getLeaderboard(core, { period, tierCode: tier, limit: 100 });
  return board.rankings.map((r) => `${r.display_name}:${r.points}`);
}

Deno.test("leaderboards - period boundaries in America/New_York: 23:59:59 vs 00:00:00, Sunday to Monday, month end, DST", async () => {
  const t = await testContext({ clock: movableClock("2026-12-20T12:00:00Z") });
  try {
    assert.equal(t.services.config.FITTRACK_TIMEZONE, "America/New_York");
    const u = async (name: string) => await userIn(t, { display_name: name });
    const [late, early, sun, mon, nov, dec, fallA, fallB, fallC, spring1, spring2] = [
      await u("Late"),
      await u("Early"),
      await u("Sunday"),
      await u("Monday"),
      await u("November"),
      await u("December"),
      await u("FallEDT"),
      await u("FallEST"),
      await u("NextDay"),
      await u("SpringA"),
      await u("SpringB"),
    ];
    const tier = late.profile!.tier_code;
    await earnAt(t, late.id, 10, "2026-12-10T04:59:59Z"); // Wed Dec 9 23:59:59 EST
    await earnAt(t, early.id, 20, "2026-12-10T05:00:00Z"); // Thu Dec 10 00:00:00 EST
    await earnAt(t, sun.id, 30, "2026-12-14T04:59:59Z"); // Sun Dec 13 23:59:59 EST
    await earnAt(t, mon.id, 40, "2026-12-14T05:00:00Z"); // Mon Dec 14 00:00:00 EST
    await earnAt(t, nov.id, 50, "2026-12-01T04:59:59Z"); // Mon Nov 30 23:59:59 EST
    await earnAt(t, dec.id, 60, "2026-12-01T05:00:00Z"); // Tue Dec 1 00:00:00 EST
    await earnAt(t, fallA.id, 70, "2026-11-01T04:30:00Z"); // Nov 1 00:30 EDT
    await earnAt(t, fallB.id, 80, "2026-11-02T04:30:00Z"); // Nov 1 23:30 EST (25-hour day)
    await earnAt(t, fallC.id, 90, "2026-11-02T05:00:00Z"); // Nov 2 00:00 EST
    await earnAt(t, spring1.id, 11, "2026-03-09T03:59:59Z"); // Sun Mar 8 23:59:59 EDT
    await earnAt(t, spring2.id, 12, "2026-03-09T04:00:00Z"); // Mon Mar 9 00:00:00 EDT

    assert.deepEqual(await namesOn(t, "daily", tier, "2026-12-09T20:00:00Z"), ["Late:10"]);
    assert.deepEqual(await namesOn(t, "daily", tier, "2026-12-10T05:00:00Z"), ["Early:20"]);
    assert.deepEqual(await namesOn(t, "weekly", tier, "2026-12-14T04:59:59Z"), [
      "Sunday:30",
      "Early:20",
      "Late:10",
    ]);
    assert.deepEqual(await namesOn(t, "weekly", tier, "2026-12-14T05:00:00Z"), ["Monday:40"]);
    assert.deepEqual(
      await namesOn(t, "monthly", tier, "2026-11-30T12:00:00Z"),
      [
        "November:50",
        "NextDay:90",
        "FallEST:80",
        "FallEDT:70",
      ].sort((a, b) => Number(b.split(":")[1]) - Number(a.split(":")[1])),
    );
    assert.deepEqual(await namesOn(t, "daily", tier, "2026-11-01T16:00:00Z"), [
      "FallEST:80",
      "FallEDT:70",
    ]);
    assert.deepEqual(await namesOn(t, "daily", tier, "2026-11-02T05:00:00Z"), ["NextDay:90"]);
    assert.deepEqual(await namesOn(t, "weekly", tier, "2026-03-09T03:59:59Z"), ["SpringA:11"]);
    assert.deepEqual(await namesOn(t, "weekly", tier, "2026-03-09T04:00:00Z"), ["SpringB:12"]);
    const december = await namesOn(t, "monthly", tier, "2026-12-31T12:00:00Z");
    assert.deepEqual(december, ["December:60", "Monday:40", "Sunday:30", "Early:20", "Late:10"]);
    assert.equal((await namesOn(t, "alltime", tier, "2027-06-01T00:00:00Z")).length, 11);

    // The same rows come out of the ledger: a rebuild changes nothing.
    const rebuilt = await rebuildLeaderboards(t.services.core, { fromLedger: true });
    assert.equal(rebuilt.rollup_rows, 0);
  } finally {
    await t.close();
  }
});

Deno.test("reconcileLeaderboardsTick() - repairs rollups that drifted from the ledger", async () => {
  const t = await testContext();
  try {
    const a = await userIn(t, { display_name: "Alpha" });
    const b = await userIn(t, { display_name: "Bravo" });
    const now = new Date();
    await earnAt(t, a.id, 100, now.toISOString());
    await earnAt(t, b.id, 200, now.toISOString());
    await t.services.db.rows(
      sql`UPDATE leaderboard_scores SET points = 999999 WHERE user_id = ${a.id}::uuid`,
    );
    await t.services.db.rows(
      sql`DELETE FROM leaderboard_scores WHERE user_id = ${b.id}::uuid AND period_kind = 'weekly'`,
    );
    const summary = await reconcileLeaderboardsTick(t.services, now);
    assert.match(summary, /^checked 124 boards: 5 rollup rows fixed/);
    const tier = a.profile!.tier_code;
    assert.deepEqual(await namesOn(t, "weekly", tier, now.toISOString()), [
      "Bravo:200",
      "Alpha:100",
    ]);
    assert.match(
      await reconcileLeaderboardsTick(t.services, now),
      /: 0 rollup rows fixed, 0 Redis/,
    );
  } finally {
    await t.close();
  }
});

Deno.test("recomputeTiersTick() - a birthday crossing a bracket moves the user and this period's points", async () => {
  const clock = movableClock("2026-01-10T15:00:00Z");
  const t = await testContext({ clock });
  try {
    const user = await userIn(t, {
      display_name: "Birthday",
      biological_sex: "male",
      fitness_level: "intermediate",
      date_of_birth: "1996-01-15",
    });
    assert.equal(user.profile!.tier_code, "M-18-29-INT");
    const peer = await userIn(t, { display_name: "Peer", date_of_birth: "1996-01-20" });
    await earnAt(t, user.id, 40, "2026-01-12T15:00:00Z"); // Monday of that week
    await earnAt(t, user.id, 2, "2026-01-16T15:00:00Z");
    const tick = new Date("2026-01-16T15:00:00Z");
    assert.match(
      await recomputeTiersTick(t.services, tick),
      /^1 profiles past an age bracket, 1 moved/,
    );
    const moved = await t.services.core.store.users.findById(user.id);
    assert.equal(moved!.profile!.tier_code, "M-30-39-INT");
    assert.equal(moved!.profile!.age_bracket, "30-39");
    assert.deepEqual(await namesOn(t, "weekly", "M-30-39-INT", tick.toISOString()), [
      "Birthday:42",
    ]);
    assert.deepEqual(await namesOn(t, "daily", "M-30-39-INT", tick.toISOString()), ["Birthday:2"]);
    assert.deepEqual(await namesOn(t, "weekly", "M-18-29-INT", tick.toISOString()), []);
    assert.equal(
      (await t.services.core.store.users.findById(peer.id))!.profile!.age_bracket,
      "18-29",
    );
    assert.match(await recomputeTiersTick(t.services, tick), /^0 profiles/);
  } finally {
    await t.close();
  }
});

Deno.test("reconcileLeaderboardsTick() - running during a burst of earnings loses and doubles nothing", async () => {
  const t = await testContext();
  try {
    const users: User[] = [];
    for (let i = 0; i < 12; i++) users.push(await userIn(t, { display_name: `Busy ${i}` }));
    for (const user of users) await earn(t, user.id, 3);
    // Drift for the reconciliation to repair while the earnings land.
    await t.services.db.rows(sql`UPDATE leaderboard_scores SET points = points + 7`);
    const earnings = Array.from({ length: 108 }, (_, i) => users[i % users.length].id);
    const burst = (async () => {
      for (let i = 0; i < earnings.length; i += 12) {
        await Promise.all(earnings.slice(i, i + 12).map((id) => earn(t, id, 3)));
      }
    })();
    await t.services.db.rows(sql`UPDATE leaderboard_scores SET points = points + 5`);
    const repairs = [
      reconcileLeaderboardsTick(t.services, new Date()),
      reconcileLeaderboardsTick(t.services, new Date()),
    ];
    await Promise.all([burst, ...repairs]);
    // Now the rollups must be exactly the ledger: a full rebuild finds nothing to change.
    assert.equal((await rebuildLeaderboards(t.services.core, { fromLedger: true })).rollup_rows, 0);
    const names = await namesOn(t, "weekly", users[0].profile!.tier_code, new Date().toISOString());
    assert.equal(names.length, 12);
    assert.ok(names.every((n) => n.endsWith(":30")), names.join(", "));
  } finally {
    await t.close();
  }
});

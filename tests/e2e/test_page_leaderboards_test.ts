/**
 * The plan's Checkpoint 4 Leaderboard Viewer with live data, in headless
 * Chromium against the real app: the caller's own tier preselected, top 10
 * with medals, the caller's row highlighted among the ranks around them, the
 * public profile on a click, and the 60-second auto-refresh (on a fake clock).
 */
import assert from "node:assert/strict";
import { expectJson } from "../_support/http.ts";
import { earn, userIn } from "../integration/leaderboards/_board.ts";
import { openTestPage, responseTo, tid, withBrowserApp } from "./_browser.ts";

const PLAYERS = 25;
/** 1-based rank of the signed-in user: outside the top 10, with 10 ranks either side. */
const MY_RANK = 15;

Deno.test("test page in Chromium - live leaderboard: own tier, highlight, around me, profile, auto-refresh", async () => {
  await withBrowserApp(async (app, browser) => {
    const players = [];
    for (let i = 0; i < PLAYERS; i++) {
      const user = await userIn(app.t, {
        display_name: `Runner ${String(i + 1).padStart(2, "0")}`,
      });
      await earn(app.t, user.id, (PLAYERS - i) * 10);
      players.push(user);
    }
    const me = players[MY_RANK - 1];
    // The helper's tier follows the users' age today (F-xx-xx-ADV).
    const TIER = me.profile!.tier_code;
    assert.ok(players.every((p) => p.profile!.tier_code === TIER));
    const token = await app.t.services.jwt.sign(
      { sub: me.id, email: me.email, role: me.role, sid: crypto.randomUUID() },
      app.t.services.clock.now(),
    );
    const headers = { authorization: `Bearer ${token}` };
    const { page, problems, close } = await openTestPage(browser, app, { signedIn: headers });
    try {
      const first = await responseTo(
        page,
        "/api/v1/leaderboards/alltime?",
        () => page.click(tid("tab-leaderboards")),
      );
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(await page.inputValue(tid("lb-tier")), TIER, "own tier preselected");
      const rows = page.locator(tid("lb-row"));
      await rows.nth(9).waitFor();
      assert.equal(await rows.count(), 10, "top 10");
      assert.equal(await page.locator(`${tid("lb-row")} .medal`).count(), 3);
      assert.equal(
        await page.locator(`${tid("lb-row")}.me`).count(),
        0,
        "the caller is not in the top 10",
      );

      const around = page.locator(tid("lb-around-row"));
      await around.first().waitFor();
      assert.deepEqual(
        await around.evaluateAll((all) => all.map((r) => Number(r.getAttribute("data-rank")))),
        Array.from({ length: 21 }, (_, i) => MY_RANK - 10 + i),
      );
      const mine = page.locator(`${tid("lb-around-row")}.me`);
      assert.equal(await mine.count(), 1);
      assert.equal(await mine.getAttribute("data-rank"), String(MY_RANK));
      assert.equal(await mine.getAttribute("data-user-id"), me.id);
      assert.match(await mine.innerText(), /Runner 15 \(you\)/);
      assert.match(
        await page.innerText(tid("lb-meta")),
        new RegExp(`you: #${MY_RANK} with 110 points`),
      );

      // A name opens that user's public profile (no email, birth date or state).
      const profile = await responseTo(
        page,
        `/api/v1/users/${players[0].id}/public`,
        () => rows.first().locator(tid("lb-name")).click(),
      );
      assert.equal(profile.status, 200);
      await page.locator(tid("lb-profile")).waitFor();
      assert.equal(await page.innerText(tid("lb-profile-name")), "Runner 01");
      assert.equal(await page.innerText(tid("lb-profile-tier")), TIER);
      assert.equal(await page.innerText(tid("lb-profile-points")), "250");
      assert.equal(
        await page.locator(`${tid("lb-profile-rank")}[data-period=alltime] td`).first().innerText(),
        "#1",
      );
      assert.doesNotMatch(
        await page.innerText(tid("lb-profile")),
        /@|\d{4}-\d\d-\d\d.*\d{4}-\d\d-\d\d/,
      );

      // Auto-refresh: the caller climbs to first; after 60 s the board shows it unprompted.
      await page.clock.install();
      await page.check(tid("lb-auto-refresh"));
      await earn(app.t, me.id, 1000);
      const refreshed = await responseTo(
        page,
        "/api/v1/leaderboards/alltime?",
        () => page.clock.runFor(60_000),
      );
      assert.equal(refreshed.status, 200);
      const top = page.locator(`${tid("lb-row")}[data-rank="1"]`);
      await page.locator(`${tid("lb-row")}[data-rank="1"].me`).waitFor();
      assert.match(await top.innerText(), /Runner 15 \(you\)/);
      await page.uncheck(tid("lb-auto-refresh"));
      const after = await expectJson<{ me: { rank: number } }>(
        await app.t.request(`/api/v1/leaderboards/alltime?tier=${TIER}`, { headers }),
        200,
      );
      assert.equal(after.me.rank, 1);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});

/**
 * The plan's Checkpoint 3 Tracker Connection Simulator scenarios in headless
 * Chromium against the real app and the simulated Terra: connect through the
 * widget and the callback's redirect, status and last sync, synced activities
 * with points and the tier note, metrics on click, the points history, the
 * manual-sync limit, an SDK-only provider, and disconnect with confirmation.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { syncTrackersTick } from "../../jobs/sync_trackers.ts";
import { authUser } from "../_support/auth.ts";
import { expectJson } from "../_support/http.ts";
import { jsonIn, notified, openTestPage, responseTo, tid, withBrowserApp } from "./_browser.ts";

function connection(page: Page, provider: string) {
  return page.locator(`${tid("trk-connection")}[data-provider=${provider}]`);
}

Deno.test("test page in Chromium - Tracker Connection Simulator", async () => {
  await withBrowserApp(async (app, browser) => {
    const { user, headers } = await authUser(app.t, "user");
    const { page, problems, close } = await openTestPage(browser, app, { signedIn: headers });
    try {
      await responseTo(page, "/api/v1/connections", () => page.click(tid("tab-trackers")));
      await page.locator(tid("trk-none")).waitFor();
      const tier = user.profile!.tier_code;
      await page.locator(tid("trk-tier")).filter({ hasText: `Tier ${tier}: activity points ×` })
        .waitFor();

      // The widget dialog can be cancelled: nothing is connected.
      await page.selectOption(tid("trk-provider"), "fitbit");
      const started = await responseTo(
        page,
        "/api/v1/connections/fitbit/initiate",
        () => page.click(tid("trk-connect")),
      );
      assert.equal(started.status, 200, JSON.stringify(started.body));
      assert.equal((started.body as { flow: string }).flow, "widget");
      await page.locator(tid("trk-widget")).waitFor({ state: "visible" });
      await page.click(tid("trk-widget-cancel"));
      await page.locator(tid("trk-widget")).waitFor({ state: "hidden" });
      assert.equal(await page.locator(tid("trk-connection")).count(), 0);

      // Authorize: widget → our callback (state checked) → back to the page, connected.
      await page.click(tid("trk-connect"));
      await page.locator(tid("trk-widget")).waitFor({ state: "visible" });
      await Promise.all([
        page.waitForURL(/\/test\/\?connected=fitbit/),
        page.click(tid("trk-widget-authorize")),
      ]);
      await page.waitForSelector("body[data-ready=true]", { state: "attached" });
      await notified(page, "fitbit connected");
      assert.equal(await page.getAttribute(tid("tab-trackers"), "aria-selected"), "true");
      const fitbit = connection(page, "fitbit");
      await fitbit.waitFor();
      assert.equal(await fitbit.getAttribute("data-status"), "active");
      assert.equal(await fitbit.locator(tid("trk-is-primary")).innerText(), "★ primary");
      assert.equal(await fitbit.locator(tid("trk-last-sync")).innerText(), "never");
      assert.match(await fitbit.innerText(), /\(queued\)/);

      // The sync job serves the queued sync from the simulated Terra.
      const summary = await syncTrackersTick(app.t.services, new Date());
      assert.match(summary, /1 synced/, summary);
      await responseTo(page, "/api/v1/activities?", () => page.click(tid("trk-refresh")));
      await page.locator(tid("trk-activity")).first().waitFor();
      assert.notEqual(await fitbit.locator(tid("trk-last-sync")).innerText(), "never");
      const activities = await expectJson<{ items: { id: string; points_earned: number }[] }>(
        await app.t.request("/api/v1/activities?sort=-start_time&per_page=20", { headers }),
        200,
      );
      assert.ok(activities.items.length > 0, "the simulated Terra synthesized days");
      assert.equal(await page.locator(tid("trk-activity")).count(), activities.items.length);
      const shownPoints = await page.locator(tid("trk-activity-points")).allInnerTexts();
      assert.deepEqual(
        shownPoints,
        activities.items.map((a) => a.points_earned.toLocaleString("en-US")),
      );

      // Metrics JSON on click.
      await responseTo(
        page,
        `/api/v1/activities/${activities.items[0].id}`,
        () => page.locator(tid("trk-activity")).first().click(),
      );
      await page.locator(tid("trk-metrics")).filter({ hasText: activities.items[0].id }).waitFor();
      const metrics = await jsonIn<{ points_earned: number; metrics: Record<string, unknown> }>(
        page,
        "trk-metrics",
      );
      assert.equal(metrics.points_earned, activities.items[0].points_earned);
      assert.ok(Object.keys(metrics.metrics).length > 0);

      // The points history names what each earning was for.
      const earned = page.locator(tid("trk-point"));
      await earned.first().waitFor();
      const references = await earned.evaluateAll((rows) =>
        rows.map((r) => r.getAttribute("data-reference"))
      );
      assert.ok(references.some((id) => activities.items.some((a) => a.id === id)));
      await page.locator(tid("trk-summary-today")).waitFor();

      // Manual sync: queued once, then limited to once per 5 minutes.
      const first = await responseTo(
        page,
        "/api/v1/connections/fitbit/sync",
        () => fitbit.locator(tid("trk-sync")).click(),
      );
      assert.equal(first.status, 202, JSON.stringify(first.body));
      await notified(page, "Sync queued");
      const second = await responseTo(
        page,
        "/api/v1/connections/fitbit/sync",
        () => fitbit.locator(tid("trk-sync")).click(),
      );
      assert.equal(second.status, 429);
      const limited = page.locator(`${tid("notification")}[data-kind=error]`).filter({
        hasText: "once per 5 minutes",
      });
      await limited.waitFor();
      await limited.locator("button.close").click();

      // An SDK-only provider answers a token for the mobile app; nothing navigates.
      await page.selectOption(tid("trk-provider"), "apple_health");
      const sdk = await responseTo(
        page,
        "/api/v1/connections/apple_health/initiate",
        () => page.click(tid("trk-connect")),
      );
      assert.equal((sdk.body as { flow: string }).flow, "sdk");
      assert.match(await page.innerText(tid("trk-widget-text")), /mobile SDK/);
      await page.click(tid("trk-widget-authorize"));
      await page.locator(tid("notification")).filter({ hasText: "mobile app" }).waitFor();
      assert.match(page.url(), /connected=fitbit/, "no navigation for the SDK flow");

      // Disconnect asks first; cancel keeps it, confirm removes it and keeps the activities.
      await fitbit.locator(tid("trk-disconnect")).click();
      await page.locator(tid("trk-disconnect-dialog")).waitFor({ state: "visible" });
      await page.click(tid("trk-disconnect-cancel"));
      await page.locator(tid("trk-disconnect-dialog")).waitFor({ state: "hidden" });
      assert.equal(await fitbit.count(), 1);
      await fitbit.locator(tid("trk-disconnect")).click();
      const removed = await responseTo(
        page,
        "/api/v1/connections/fitbit",
        () => page.click(tid("trk-disconnect-confirm")),
      );
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      await page.locator(tid("trk-none")).waitFor();
      assert.equal(await page.locator(tid("trk-activity")).count(), activities.items.length);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  }, { publicUrl: true });
});

/**
 * The plan's Checkpoint 1 test-page scenarios for the Leaderboards, Reports and
 * Data Controls tabs, clicked through in headless Chromium against the real app.
 */
import assert from "node:assert/strict";
import { TIER_CODES } from "../../core/tiers/tier_code.ts";
import { authHeaders } from "../_support/auth.ts";
import { expectJson } from "../_support/http.ts";
import {
  apiGet,
  notified,
  openTestPage,
  type Paged,
  responseTo,
  seedViaApi,
  tid,
  withBrowserApp,
} from "./_browser.ts";

/** Enough users that some tiers hold more than one leaderboard page. */
const SEED = { users: 400, activities: 1500, drawings: 10, seed: 7 };

/** Page script: sets `loadingShown` once the Data Controls loading indicator is unhidden. */
const LOADING_WATCH = `
  globalThis.loadingShown = false;
  const loading = document.querySelector('[data-testid="data-loading"]');
  new MutationObserver(() => { if (!loading.hidden) globalThis.loadingShown = true; })
    .observe(loading, { attributes: true, attributeFilter: ["hidden"] });
`;

Deno.test("test page in Chromium - Leaderboards, Reports and Data Controls", async (t) => {
  await withBrowserApp(async (app, browser) => {
    await seedViaApi(app, SEED);
    const admin = await authHeaders(app.t, "admin");

    await t.step("Leaderboards: every period, 31 tiers, ranks with medals and paging", async () => {
      // A tier with more than one page of ranked users in the all-time board.
      let busiest = { tier: "", pages: 0 };
      for (const tier of TIER_CODES) {
        const board = await apiGet<Paged & { total_users: number }>(
          app,
          `/api/v1/leaderboards/alltime?${new URLSearchParams({ tier, per_page: "10" })}`,
          admin,
        );
        if (board.pagination.total_pages > busiest.pages) {
          busiest = { tier, pages: board.pagination.total_pages };
        }
      }
      assert.ok(busiest.pages > 1, "the seed puts more than 10 ranked users in some tier");

      const { page, problems, close } = await openTestPage(browser, app, { signedIn: admin });
      try {
        await page.click(tid("tab-leaderboards"));
        const options = (await page.locator(`${tid("lb-tier")} option`).evaluateAll((all) =>
          all.map((option) =>
            option.getAttribute("value")
          )
        )).filter(Boolean);
        assert.deepEqual(options, [...TIER_CODES]);

        await responseTo(
          page,
          `tier=${encodeURIComponent(busiest.tier)}`,
          () => page.selectOption(tid("lb-tier"), busiest.tier),
        );
        for (const period of ["daily", "weekly", "monthly", "alltime"]) {
          const answer = await responseTo(
            page,
            `/api/v1/leaderboards/${period}?`,
            () => page.click(tid(`lb-period-${period}`)),
          );
          assert.equal(answer.status, 200);
          const rankings =
            (answer.body as { rankings: { rank: number; display_name: string; points: number }[] })
              .rankings;
          const rows = page.locator(tid("lb-row"));
          if (rankings.length === 0) {
            await page.locator(tid("lb-empty")).waitFor();
            continue;
          }
          await rows.first().waitFor();
          assert.equal(await rows.count(), rankings.length);
          const cells = await rows.first().locator("td").allInnerTexts();
          assert.equal(cells[0], `🥇 ${rankings[0].rank}`);
          assert.equal(cells[1], rankings[0].display_name);
          assert.equal(cells[2], rankings[0].points.toLocaleString("en-US"));
          assert.equal(cells[3], busiest.tier);
        }
        assert.equal(await page.getAttribute(tid("lb-period-alltime"), "aria-pressed"), "true");
        assert.equal(await page.innerText(tid("lb-page")), `page 1 of ${busiest.pages}`);
        await responseTo(page, "page=2", () => page.click(tid("lb-next")));
        await page.locator(tid("lb-page")).filter({ hasText: "page 2 of" }).waitFor();
        assert.equal(await page.locator(tid("lb-row")).first().getAttribute("data-rank"), "11");
        assert.equal(await page.locator(".medal").count(), 0, "medals only on the top three");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    await t.step(
      "Reports show the summary, entity counts and integrity as the API does",
      async () => {
        const { page, problems, close } = await openTestPage(browser, app, { signedIn: admin });
        try {
          const answer = await responseTo(
            page,
            "/api/v1/reports/summary",
            () => page.click(tid("tab-reports")),
          );
          assert.equal(answer.status, 200);
          const summary = answer.body as {
            totals: Record<string, number>;
            entities: Record<string, number>;
            integrity: { passed: boolean; checks: { name: string; passed: boolean }[] };
          };
          const fresh = await apiGet<typeof summary>(app, "/api/v1/reports/summary", admin);
          assert.deepEqual(summary.totals, fresh.totals, "the page shows the database as it is");
          await page.locator(tid("integrity-check")).first().waitFor();
          for (const [key, value] of Object.entries(fresh.totals)) {
            assert.equal(
              await page.innerText(tid(`reports-card-${key}`)),
              value.toLocaleString("en-US"),
            );
          }
          for (const [entity, count] of Object.entries(fresh.entities)) {
            assert.equal(
              await page.getAttribute(tid(`reports-entity-${entity}`), "data-count"),
              String(count),
            );
          }
          assert.equal(
            await page.locator(tid("integrity-check")).count(),
            fresh.integrity.checks.length,
          );
          assert.equal(fresh.integrity.passed, true, "seeded data has no orphans");
          assert.equal(
            await page.locator(`${tid("integrity-check")}[data-passed=true]`).count(),
            fresh.integrity.checks.length,
          );
          assert.equal(await page.innerText(tid("reports-integrity-overall")), "all passed");
          assert.ok(await page.locator(`${tid("reports-workflows")} progress`).count() > 0);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );

    await t.step(
      "Data Controls seed with loading indicator, statistics and confirmation",
      async () => {
        const { page, problems, close } = await openTestPage(browser, app, {
          signedIn: admin,
          hash: "data",
        });
        try {
          await page.fill(tid("seed-users"), "40");
          await page.fill(tid("seed-activities"), "200");
          await page.fill(tid("seed-drawings"), "10");
          // A fast seed can show and hide the indicator between two polls: watch the DOM instead.
          await page.evaluate(LOADING_WATCH);
          const answer = await responseTo(
            page,
            "/api/v1/admin/seed",
            () => page.click(tid("data-seed")),
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          await page.locator(tid("data-loading")).waitFor({ state: "hidden" });
          assert.equal(await page.evaluate("globalThis.loadingShown"), true, "loading indicator");
          const entities = (answer.body as { entities: Record<string, number> }).entities;
          await page.locator(tid("stat-users")).waitFor();
          for (const [entity, count] of Object.entries(entities)) {
            assert.equal(
              await page.getAttribute(tid(`stat-${entity}`), "data-count"),
              String(count),
            );
          }
          await notified(page, "seeded");
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );

    await t.step(
      "Data Controls reset asks in a dialog, then leaves a clean seeded state",
      async () => {
        const { page, problems, close } = await openTestPage(browser, app, {
          signedIn: admin,
          hash: "data",
        });
        try {
          await page.click(tid("data-reset"));
          await page.locator(tid("reset-dialog")).waitFor({ state: "visible" });
          await page.click(tid("reset-cancel"));
          await page.locator(tid("reset-dialog")).waitFor({ state: "hidden" });
          assert.equal(await page.isVisible(tid("data-loading")), false, "cancel does nothing");

          await page.click(tid("data-reset"));
          const answer = await responseTo(
            page,
            "/api/v1/admin/reset",
            () => page.click(tid("reset-confirm")),
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          await notified(page, "reset");
          const entities = (answer.body as { entities: Record<string, number> }).entities;
          assert.equal(
            await page.getAttribute(tid("stat-users"), "data-count"),
            String(entities.users),
          );
          // The admin behind this session was deleted by the reset; a demo admin logs in again.
          const login = await expectJson<{ access_token: string }>(
            await app.t.request("/api/v1/auth/login", {
              method: "POST",
              json: { email: "admin@fittrack.dev", password: "FitTrack-Demo-2026!" },
            }),
            200,
          );
          const summary = await apiGet<
            { totals: { users: number }; integrity: { passed: boolean } }
          >(
            app,
            "/api/v1/reports/summary",
            { authorization: `Bearer ${login.access_token}` },
          );
          assert.equal(summary.totals.users, entities.users);
          assert.equal(summary.integrity.passed, true);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );
  });
});

/**
 * The plan's Checkpoint 1 test-page scenarios for the page itself and the API
 * Tester tab, clicked through in headless Chromium against the real app.
 */
import assert from "node:assert/strict";
import { authHeaders } from "../_support/auth.ts";
import { expectJson } from "../_support/http.ts";
import {
  apiGet,
  jsonIn,
  openTestPage,
  type Paged,
  responseTo,
  seedViaApi,
  tid,
  withBrowserApp,
} from "./_browser.ts";

const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 768, height: 1024 };
const TABS = [
  "api",
  "leaderboards",
  "reports",
  "data",
  "auth",
  "trackers",
  "drawings",
  "admin-drawings",
];
/** The entity dropdown's collections (static/test/js/api-tester.js). */
const ENTITY_PATHS = {
  users: "/api/v1/users",
  activities: "/api/v1/activities",
  drawings: "/api/v1/drawings",
  points: "/api/v1/points/transactions",
  sponsors: "/api/v1/sponsors",
};
/** The smallest seed: more than 30 users, so the users list has several pages. */
const SEED = { users: 40, activities: 200, drawings: 10, seed: 7 };

Deno.test("test page in Chromium - tabs and API Tester", async (t) => {
  await withBrowserApp(async (app, browser) => {
    await seedViaApi(app, SEED);
    const admin = await authHeaders(app.t, "admin");

    await t.step("every tab is visible and the layout fits desktop and tablet", async () => {
      for (const viewport of [DESKTOP, TABLET]) {
        const { page, problems, close } = await openTestPage(browser, app, { viewport });
        try {
          for (const tab of TABS) assert.ok(await page.locator(tid(`tab-${tab}`)).isVisible());
          for (const tab of TABS) {
            await page.click(tid(`tab-${tab}`));
            await page.locator(tid(`panel-${tab}`)).waitFor({ state: "visible" });
            for (const other of TABS.filter((o) => o !== tab)) {
              assert.equal(await page.locator(tid(`panel-${other}`)).isVisible(), false);
            }
            const overflow = await page.evaluate<number>(
              "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            assert.ok(overflow <= 0, `${tab} at ${viewport.width}px overflows by ${overflow}px`);
          }
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      }
    });

    await t.step(
      "API Tester lists users with status, time, highlighting, paging, filter and sort",
      async () => {
        const { page, problems, close } = await openTestPage(browser, app, { signedIn: admin });
        try {
          assert.equal(await page.inputValue(tid("api-authorization")), admin.authorization);
          await page.selectOption(tid("api-entity"), "users");
          await page.fill(tid("api-per-page"), "10");
          const first = await responseTo(page, "/api/v1/users?", () => page.click(tid("api-list")));
          assert.equal(first.status, 200);
          await page.locator(tid("api-status")).filter({ hasText: "HTTP 200" }).waitFor();
          assert.match(await page.innerText(tid("api-time")), /^\d+ ms$/);
          assert.ok(
            await page.locator(`${tid("api-response")} .token`).count() > 10,
            "Prism tokens",
          );
          const expected = await apiGet<Paged>(app, "/api/v1/users?page=1&per_page=10", admin);
          assert.ok(expected.pagination.total_pages > 2, "the seed gives several pages");
          const shown = await jsonIn<Paged>(page, "api-response");
          assert.deepEqual(shown.pagination, expected.pagination);
          assert.equal(
            await page.innerText(tid("api-page")),
            `page 1 of ${expected.pagination.total_pages}`,
          );

          assert.equal(await page.isDisabled(tid("api-prev")), true);
          await responseTo(page, "page=2", () => page.click(tid("api-next")));
          await page.locator(tid("api-page")).filter({ hasText: "page 2 of" }).waitFor();
          const second = await jsonIn<Paged<{ id: string }>>(page, "api-response");
          assert.equal(second.pagination.page, 2);
          assert.ok(!second.items.some((u) => shown.items.some((s) => s.id === u.id)));
          await responseTo(page, "page=1", () => page.click(tid("api-prev")));
          await page.locator(tid("api-page")).filter({ hasText: "page 1 of" }).waitFor();

          assert.ok(
            await page.locator("#api-sort-options option").count() >= 8,
            "sort suggestions",
          );
          await page.fill(tid("api-filter-role"), "admin");
          await page.fill(tid("api-sort"), "-email");
          const filtered = await responseTo(
            page,
            "filter%5Brole%5D=admin",
            () => page.click(tid("api-list")),
          );
          assert.equal(filtered.status, 200);
          const admins = await jsonIn<Paged<{ role: string; email: string }>>(page, "api-response");
          assert.ok(admins.items.length > 0);
          assert.ok(admins.items.every((u) => u.role === "admin"));
          const emails = admins.items.map((u) => u.email);
          assert.deepEqual(emails, [...emails].sort().reverse());

          await page.fill(tid("api-filter-role"), "wizard");
          const bad = await responseTo(
            page,
            "filter%5Brole%5D=wizard",
            () => page.click(tid("api-list")),
          );
          assert.equal(bad.status, 400);
          await page.locator(tid("api-status")).filter({ hasText: "HTTP 400" }).waitFor();
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );

    await t.step(
      "API Tester offers exactly the operations /openapi.json lists, per entity",
      async () => {
        const spec = await expectJson<{ paths: Record<string, Record<string, unknown>> }>(
          await app.t.request("/openapi.json"),
          200,
        );
        const { page, problems, close } = await openTestPage(browser, app, { signedIn: admin });
        try {
          for (const [entity, base] of Object.entries(ENTITY_PATHS)) {
            await page.selectOption(tid("api-entity"), entity);
            const item = spec.paths[`${base}/{id}`] ?? {};
            const offered = {
              "api-list": Boolean(spec.paths[base]?.get),
              "api-create": Boolean(spec.paths[base]?.post),
              "api-get": Boolean(item.get),
              "api-update": Boolean(item.put ?? item.patch),
              "api-delete": Boolean(item.delete),
            };
            assert.ok(offered["api-list"], `${base} is in /openapi.json`);
            for (const [button, enabled] of Object.entries(offered)) {
              assert.equal(await page.isEnabled(tid(button)), enabled, `${entity} ${button}`);
            }
            const listed = await responseTo(page, `${base}?`, () => page.click(tid("api-list")));
            assert.equal(listed.status, 200, `${entity}: ${JSON.stringify(listed.body)}`);
            const shown = await jsonIn<Paged>(page, "api-response");
            assert.ok(shown.items.length > 0, `the seed has ${entity}`);
          }
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );

    await t.step("API Tester CRUD round trip through the forms", async () => {
      const { page, problems, close } = await openTestPage(browser, app, { signedIn: admin });
      try {
        const example = JSON.parse(await page.inputValue(tid("api-create-body")));
        const email = `e2e.${crypto.randomUUID().slice(0, 8)}@example.com`;
        await page.fill(tid("api-create-body"), JSON.stringify({ ...example, email }));
        const created = await responseTo(
          page,
          "/api/v1/users",
          () => page.click(tid("api-create")),
        );
        assert.equal(created.status, 201, JSON.stringify(created.body));
        await page.locator(tid("api-status")).filter({ hasText: "HTTP 201" }).waitFor();
        const id = (created.body as { id: string }).id;
        assert.equal((await jsonIn<{ id: string }>(page, "api-response")).id, id);

        await page.fill(tid("api-get-id"), id);
        const got = await responseTo(page, `/api/v1/users/${id}`, () => page.click(tid("api-get")));
        assert.equal(got.status, 200);
        await page.locator(tid("api-status")).filter({ hasText: "HTTP 200" }).waitFor();
        assert.equal((await jsonIn<{ email: string }>(page, "api-response")).email, email);

        await page.fill(tid("api-update-id"), id);
        await page.fill(
          tid("api-update-body"),
          JSON.stringify({ display_name: "Renamed In Browser" }),
        );
        const updated = await responseTo(
          page,
          `/api/v1/users/${id}`,
          () => page.click(tid("api-update")),
        );
        assert.equal(updated.status, 200, JSON.stringify(updated.body));
        await page.locator(tid("api-status")).filter({ hasText: "HTTP 200" }).waitFor();
        const after = await apiGet<{ profile: { display_name: string } }>(
          app,
          `/api/v1/users/${id}`,
          admin,
        );
        assert.equal(after.profile.display_name, "Renamed In Browser");

        await page.fill(tid("api-delete-id"), id);
        const deleted = await responseTo(
          page,
          `/api/v1/users/${id}`,
          () => page.click(tid("api-delete")),
        );
        assert.equal(deleted.status, 204);
        await page.locator(tid("api-status")).filter({ hasText: "HTTP 204" }).waitFor();
        const gone = await app.t.request(`/api/v1/users/${id}`, { headers: admin });
        assert.equal(gone.status, 404);
        await gone.body?.cancel();
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  });
});

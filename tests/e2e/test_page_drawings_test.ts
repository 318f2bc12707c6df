/**
 * The plan's Checkpoint 5 "Drawings & Tickets" scenarios clicked through in
 * headless Chromium against the real app: drawing cards with countdowns, the
 * buy dialog (quantity, cost, balance), my tickets and odds, the free entry,
 * results with the in-browser fitdraw-v1 verification (and a tampered proof
 * failing it), and a winner's fulfillment status with the address form.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { expectJson } from "../_support/http.ts";
import {
  adminHeaders,
  closedDrawing,
  fundedUser,
  openDrawing,
} from "../integration/sweepstakes/_helpers.ts";
import { notified, openTestPage, responseTo, tid, withBrowserApp } from "./_browser.ts";

const PHYSICAL = [
  {
    rank: 1,
    name: "Fitness Watch",
    value_usd: 250,
    quantity: 1,
    fulfillment_type: "physical" as const,
  },
  {
    rank: 2,
    name: "Water Bottle",
    value_usd: 20,
    quantity: 1,
    fulfillment_type: "physical" as const,
  },
];

async function showDrawingsTab(page: Page) {
  await responseTo(page, "/api/v1/drawings?", () => page.click(tid("tab-drawings")));
}

function card(page: Page, id: string) {
  return page.locator(`${tid("drawing-card")}[data-id="${id}"]`);
}

Deno.test("test page in Chromium - Drawings & Tickets", async (t) => {
  await withBrowserApp(async (app, browser) => {
    await t.step(
      "open drawing: countdown, buy dialog with cost and balance, my tickets and odds",
      async () => {
        const drawing = await openDrawing(app.t, {
          name: "Page Buy Drawing",
          ticket_cost_points: 25,
        });
        const buyer = await fundedUser(app.t, 100);
        const { page, problems, close } = await openTestPage(browser, app, {
          signedIn: buyer.headers,
        });
        try {
          await showDrawingsTab(page);
          const mine = card(page, drawing.id);
          await mine.waitFor();
          assert.match(await mine.innerText(), /Page Buy Drawing/);
          const countdown = mine.locator(tid("dr-countdown"));
          const first = await countdown.innerText();
          assert.match(first, /^\d+d \d\d:\d\d:\d\d$/, "sales close far in the future");
          await countdown.filter({ hasNotText: new RegExp(`^${first}$`) }).waitFor();
          await page.locator(tid("dr-balance")).filter({ hasText: "balance 100 points" }).waitFor();

          await mine.locator(tid("dr-buy")).click();
          await page.locator(tid("dr-buy-dialog")).waitFor({ state: "visible" });
          assert.equal(await page.innerText(tid("dr-buy-balance")), "100 points");
          await page.fill(tid("dr-buy-quantity"), "5");
          assert.equal(await page.innerText(tid("dr-buy-cost")), "125 points");
          assert.equal(await page.innerText(tid("dr-buy-after")), "-25 points");
          assert.equal(await page.isDisabled(tid("dr-buy-confirm")), true, "cannot overspend");
          assert.match(await page.innerText(tid("dr-buy-error")), /Not enough points/);
          await page.fill(tid("dr-buy-quantity"), "3");
          assert.equal(await page.innerText(tid("dr-buy-after")), "25 points");
          const bought = await responseTo(
            page,
            `/api/v1/drawings/${drawing.id}/tickets`,
            () => page.click(tid("dr-buy-confirm")),
          );
          assert.equal(bought.status, 201, JSON.stringify(bought.body));
          await notified(page, "Bought 3 ticket");
          await page.locator(tid("dr-balance")).filter({ hasText: "balance 25 points" }).waitFor();
          await page.locator(`${tid("dr-ticket")}[data-drawing="${drawing.id}"]`).nth(2).waitFor();
          assert.equal(await page.locator(tid("dr-ticket")).count(), 3);
          await page.locator(tid("dr-odds")).filter({ hasText: "1 in 1" }).waitFor();
          assert.equal(await mine.locator(tid("dr-card-tickets")).innerText(), "3");

          // Cancel buys nothing.
          await mine.locator(tid("dr-buy")).click();
          await page.click(tid("dr-buy-cancel"));
          await page.locator(tid("dr-buy-dialog")).waitFor({ state: "hidden" });
          const balance = await expectJson<{ point_balance: number }>(
            await app.t.request("/api/v1/points/balance", { headers: buyer.headers }),
            200,
          );
          assert.equal(balance.point_balance, 25);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );

    await t.step("no purchase necessary: the notice and a free entry without points", async () => {
      const drawing = await openDrawing(app.t, { name: "Page Free Drawing" });
      const entrant = await fundedUser(app.t, 0);
      const { page, problems, close } = await openTestPage(browser, app, {
        signedIn: entrant.headers,
      });
      try {
        await showDrawingsTab(page);
        assert.match(await page.innerText(tid("dr-no-purchase")), /No purchase necessary/);
        await card(page, drawing.id).locator(tid("dr-details")).click();
        await page.locator(tid("dr-detail")).waitFor();
        assert.match(await page.innerText(tid("dr-free-notice")), /no purchase necessary/i);
        assert.match(await page.innerText(tid("dr-free-count")), /^0 of \d+ used$/);
        const entered = await responseTo(
          page,
          `/api/v1/drawings/${drawing.id}/free-entries`,
          () => page.click(tid("dr-free-entry")),
        );
        assert.equal(entered.status, 201, JSON.stringify(entered.body));
        await page.locator(tid("dr-free-count")).filter({ hasText: /^1 of/ }).waitFor();
        const ticket = page.locator(`${tid("dr-ticket")}[data-drawing="${drawing.id}"]`);
        await ticket.waitFor();
        assert.match(await ticket.innerText(), /free/);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    await t.step(
      "results, in-browser verification, a tampered proof, and the winner's address form",
      async () => {
        const { drawing, buyers } = await closedDrawing(app.t, {
          prizes: PHYSICAL,
          buyers: 2,
          each: 2,
          name: "Page Results Drawing",
        });
        const admin = await adminHeaders(app.t);
        await expectJson(
          await app.t.request(`/api/v1/admin/drawings/${drawing.id}/execute`, {
            method: "POST",
            headers: admin,
          }),
          200,
        );
        const { page, problems, close } = await openTestPage(browser, app, {
          signedIn: buyers[0].headers,
        });
        try {
          await showDrawingsTab(page);
          await responseTo(
            page,
            "filter%5Bstatus%5D=completed",
            () => page.click(tid("dr-filter-completed")),
          );
          const answer = await responseTo(
            page,
            `/api/v1/drawings/${drawing.id}/results`,
            () => card(page, drawing.id).locator(tid("dr-show-results")).click(),
          );
          const results = answer.body as { winners: { ticket_number: number }[] };
          assert.equal(results.winners.length, 2, "two buyers, two prizes, cap 1");
          await page.locator(tid("dr-winner")).nth(1).waitFor();
          assert.deepEqual(
            await page.locator(tid("dr-winner")).evaluateAll((rows) =>
              rows.map((r) => Number(r.getAttribute("data-ticket")))
            ),
            results.winners.map((w) => w.ticket_number),
          );
          assert.match(await page.innerText(tid("dr-you-won")), /^You won: /);

          await page.click(tid("dr-verify"));
          await page.locator(`${tid("dr-verify-result")}[data-verified=true]`).waitFor();
          assert.match(
            await page.innerText(tid("dr-verify-result")),
            /verified in your browser: 4 tickets, 2 winner/,
          );

          // The same button on a proof whose first two candidates were swapped on the way.
          await page.route(`**/api/v1/drawings/${drawing.id}/proof`, async (route) => {
            const response = await route.fetch();
            const proof = await response.json();
            [proof.candidates[0].ticket_number, proof.candidates[1].ticket_number] = [
              proof.candidates[1].ticket_number,
              proof.candidates[0].ticket_number,
            ];
            await route.fulfill({ response, json: proof });
          });
          await page.click(tid("dr-verify"));
          await page.locator(`${tid("dr-verify-result")}[data-verified=false]`).waitFor();
          assert.match(await page.innerText(tid("dr-verify-problems")), /candidates differ/);
          await page.unroute(`**/api/v1/drawings/${drawing.id}/proof`);

          // The winner's prize waits for an address; a bad ZIP is refused, a good one confirms.
          const prize = page.locator(tid("dr-prize")).first();
          await prize.waitFor();
          assert.equal(await prize.getAttribute("data-status"), "winner_notified");
          await prize.locator(tid("dr-prize-address")).click();
          await page.fill(tid("dr-address-name"), "Pat Winner");
          await page.fill(tid("dr-address-line1"), "1 Main Street");
          await page.fill(tid("dr-address-city"), "Austin");
          await page.selectOption(tid("dr-address-state"), "TX");
          await page.fill(tid("dr-address-zip"), "7870");
          const refused = await responseTo(
            page,
            "/address",
            () => page.click(tid("dr-address-submit")),
          );
          assert.equal(refused.status, 422, JSON.stringify(refused.body));
          await page.locator(`${tid("notification")}[data-kind=error]`).filter({ hasText: "zip" })
            .waitFor();
          await page.fill(tid("dr-address-zip"), "78701");
          const saved = await responseTo(
            page,
            "/address",
            () => page.click(tid("dr-address-submit")),
          );
          assert.equal(saved.status, 200, JSON.stringify(saved.body));
          await page.locator(`${tid("dr-prize")}[data-status=address_confirmed]`).waitFor();
          assert.equal(await page.isVisible(tid("dr-address-form")), false);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      },
    );
  });
});

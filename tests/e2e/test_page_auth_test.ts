/**
 * The plan's Checkpoint 2 test-page scenarios (Authentication tab), clicked
 * through in headless Chromium: register, read the verification mail in the
 * Mailbox panel, verify, log in, use the token, log out; and the role switcher.
 */
import assert from "node:assert/strict";
import { expectJson } from "../_support/http.ts";
import {
  launchBrowser,
  notified,
  openTestPage,
  responseTo,
  seedViaApi,
  startApp,
  tid,
} from "./_browser.ts";

const REGISTRATION = {
  password: "Sunny-Meadow-42-Trail!",
  date_of_birth: "1990-05-05",
  state: "CA",
  display_name: "Browser Tester",
  biological_sex: "female",
  fitness_level: "advanced",
};

Deno.test("test page in Chromium - Authentication tab scenarios", async (t) => {
  const app = await startApp();
  const browser = await launchBrowser();
  /** The link with `param` in the newest mail to `to`, read through the dev mailbox API. */
  async function linkInMail(to: string, param: string): Promise<URL> {
    const mailbox = await expectJson<{ items: { text: string }[] }>(
      await app.t.request(`/api/v1/dev/mailbox?${new URLSearchParams({ to })}`),
      200,
    );
    const href = mailbox.items[0]?.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(param));
    assert.ok(href, `a link with ${param} in ${JSON.stringify(mailbox.items[0])}`);
    return new URL(href);
  }
  try {
    await t.step("register, verify from the Mailbox, log in, call /users/me, log out", async () => {
      const { page, problems, close } = await openTestPage(browser, app, { hash: "auth" });
      try {
        const email = `browser.${crypto.randomUUID().slice(0, 8)}@example.com`;
        const password = REGISTRATION.password;
        await page.fill(tid("auth-register-email"), email);
        await page.fill(tid("auth-register-password"), password);
        await page.fill(tid("auth-register-dob"), "1990-05-05");
        await page.selectOption(tid("auth-register-state"), "CA");
        await page.fill(tid("auth-register-display-name"), "Browser Tester");
        await page.selectOption(tid("auth-register-sex"), "female");
        await page.selectOption(tid("auth-register-fitness"), "advanced");
        const registered = await responseTo(
          page,
          "/api/v1/auth/register",
          () => page.click(tid("auth-register")),
        );
        assert.ok(
          registered.status === 201 || registered.status === 202,
          JSON.stringify(registered.body),
        );
        await page.locator(tid("auth-register-result")).filter({
          hasText: "Verification email sent",
        })
          .waitFor();
        assert.match(
          await page.innerText(tid("auth-register-result")),
          /Mailbox/,
          "tells where to look",
        );

        // Unverified accounts cannot log in yet.
        await page.fill(tid("auth-login-password"), password);
        const early = await responseTo(
          page,
          "/api/v1/auth/login",
          () => page.click(tid("auth-login")),
        );
        assert.equal(early.status, 403);
        await page.locator(`${tid("notification")}[data-kind=error]`).first().waitFor();
        assert.equal(await page.inputValue(tid("auth-access-token")), "");

        assert.equal(await page.inputValue(tid("mailbox-to")), email);
        const mailbox = await responseTo(
          page,
          "/api/v1/dev/mailbox",
          () => page.click(tid("mailbox-load")),
        );
        assert.equal(mailbox.status, 200);
        await page.locator(tid("mail-item")).first().waitFor();
        assert.match(await page.innerText(tid("mail-subject")), /verif/i);
        const verified = await responseTo(
          page,
          "/api/v1/auth/verify-email",
          () => page.click(tid("mail-verify")),
        );
        assert.equal(verified.status, 200, JSON.stringify(verified.body));
        await notified(page, "Email verified");

        assert.equal(await page.inputValue(tid("auth-login-email")), email);
        const login = await responseTo(
          page,
          "/api/v1/auth/login",
          () => page.click(tid("auth-login")),
        );
        assert.equal(login.status, 200, JSON.stringify(login.body));
        const tokens = login.body as { access_token: string; refresh_token: string };
        await notified(page, "Logged in");
        assert.equal(await page.inputValue(tid("auth-access-token")), tokens.access_token);
        assert.equal(await page.inputValue(tid("auth-refresh-token")), tokens.refresh_token);
        assert.match(await page.innerText(tid("auth-expires")), /^in \d+:\d\d \(at .+\)$/);
        assert.match(
          await page.innerText(tid("session-indicator")),
          new RegExp(email.replace(".", "\\.")),
        );

        const me = await responseTo(
          page,
          "/api/v1/users/me",
          () => page.click(tid("auth-test-protected")),
        );
        assert.equal(me.status, 200);
        assert.equal((me.body as { email: string }).email, email);
        await page.locator(tid("auth-status")).filter({ hasText: "HTTP 200" }).waitFor();
        assert.equal(JSON.parse(await page.innerText(tid("auth-response"))).email, email);

        // The token follows into the API Tester and onto its requests, also after a reload.
        await page.reload();
        await page.waitForSelector("body[data-ready=true]", { state: "attached" });
        await page.click(tid("tab-api"));
        assert.equal(
          await page.inputValue(tid("api-authorization")),
          `Bearer ${tokens.access_token}`,
        );
        const [request] = await Promise.all([
          page.waitForRequest((r) => r.url().includes("/api/v1/users?")),
          page.click(tid("api-list")),
        ]);
        assert.equal(await request.headerValue("authorization"), `Bearer ${tokens.access_token}`);

        await page.click(tid("tab-auth"));
        const logout = await responseTo(
          page,
          "/api/v1/auth/logout",
          () => page.click(tid("auth-logout")),
        );
        assert.ok(
          logout.status === 200 || logout.status === 204,
          `logout answered ${logout.status}`,
        );
        await page.locator(tid("session-indicator")).filter({ hasText: "Not signed in" }).waitFor();
        assert.equal(await page.inputValue(tid("auth-access-token")), "");
        assert.equal(await page.isDisabled(tid("auth-test-protected")), true);
        const reuse = await app.t.request("/api/v1/auth/refresh", {
          method: "POST",
          json: { refresh_token: tokens.refresh_token },
        });
        assert.equal(reuse.status, 401, "the logged-out refresh token is dead");
        await reuse.body?.cancel();
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    await t.step("the mail's verification link verifies on the page", async () => {
      const email = `link.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const registered = await app.t.request("/api/v1/auth/register", {
        method: "POST",
        json: { ...REGISTRATION, email },
      });
      assert.ok(registered.ok, await registered.text());
      const link = await linkInMail(email, "verify_token");
      const { page, problems, close } = await openTestPage(browser, app);
      try {
        const verified = await responseTo(
          page,
          "/api/v1/auth/verify-email",
          () => page.goto(`${app.baseUrl}${link.pathname}${link.search}`),
        );
        assert.equal(verified.status, 200, JSON.stringify(verified.body));
        await page.locator(tid("panel-auth")).waitFor({ state: "visible" });
        await notified(page, "Email verified");

        // Password reset through the same Mailbox: request, use the mailed token, log in.
        await page.fill(tid("auth-forgot-email"), email);
        const forgot = await responseTo(
          page,
          "/api/v1/auth/forgot-password",
          () => page.click(tid("auth-forgot")),
        );
        assert.equal(forgot.status, 202);
        assert.equal(await page.inputValue(tid("mailbox-to")), email);
        await responseTo(page, "/api/v1/dev/mailbox", () => page.click(tid("mailbox-load")));
        await page.click(tid("mail-use-reset"));
        const newPassword = "Quiet-River-77-Stones!";
        await page.fill(tid("auth-reset-password"), newPassword);
        const reset = await responseTo(
          page,
          "/api/v1/auth/reset-password",
          () => page.click(tid("auth-reset")),
        );
        assert.equal(reset.status, 200, JSON.stringify(reset.body));
        await page.fill(tid("auth-login-email"), email);
        await page.fill(tid("auth-login-password"), newPassword);
        const login = await responseTo(
          page,
          "/api/v1/auth/login",
          () => page.click(tid("auth-login")),
        );
        assert.equal(login.status, 200, JSON.stringify(login.body));
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    await t.step("role switcher signs in as each seeded demo account", async () => {
      await seedViaApi(app, { users: 34, activities: 200, drawings: 10 });
      const { page, problems, close } = await openTestPage(browser, app, { hash: "auth" });
      try {
        for (const role of ["user", "premium", "admin"]) {
          const login = await responseTo(
            page,
            "/api/v1/auth/login",
            () => page.click(tid(`auth-role-${role}`)),
          );
          assert.equal(login.status, 200, JSON.stringify(login.body));
          await page.locator(tid("auth-user")).filter({ hasText: `${role}@fittrack.dev (${role})` })
            .waitFor();
          const me = await responseTo(
            page,
            "/api/v1/users/me",
            () => page.click(tid("auth-test-protected")),
          );
          assert.equal((me.body as { role: string }).role, role);
        }
        // Signed in, the leaderboard opens on the caller's own tier.
        const me = await app.t.request("/api/v1/users/me", {
          headers: { authorization: `Bearer ${await page.inputValue(tid("auth-access-token"))}` },
        });
        const tier = ((await me.json()) as { profile: { tier_code: string } }).profile.tier_code;
        const board = await responseTo(
          page,
          "/api/v1/leaderboards/alltime?",
          () => page.click(tid("tab-leaderboards")),
        );
        assert.equal(board.status, 200, JSON.stringify(board.body));
        assert.equal((board.body as { tier_code: string }).tier_code, tier);
        await page.locator(tid("lb-meta")).filter({ hasText: tier }).waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    await t.step("a wrong password shows the error and stores no token", async () => {
      const { page, problems, close } = await openTestPage(browser, app, { hash: "auth" });
      try {
        await page.fill(tid("auth-login-email"), "user@fittrack.dev");
        await page.fill(tid("auth-login-password"), "not-the-password-at-all");
        const login = await responseTo(
          page,
          "/api/v1/auth/login",
          () => page.click(tid("auth-login")),
        );
        assert.equal(login.status, 401);
        await page.locator(`${tid("notification")}[data-kind=error]`).filter({
          hasText: "Invalid email or password",
        })
          .waitFor();
        await page.locator(tid("auth-status")).filter({ hasText: "HTTP 401" }).waitFor();
        assert.equal(await page.inputValue(tid("auth-access-token")), "");
        assert.equal(
          await page.evaluate<string | null>(
            "sessionStorage.getItem('fittrack.test-page.session')",
          ),
          null,
        );
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  } finally {
    await browser.close();
    await app.close();
  }
});

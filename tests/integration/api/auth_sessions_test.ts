import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { testContext } from "../../_support/services.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import {
  bearer,
  mailbox,
  movableClock,
  signIn,
  TEST_PASSWORD,
  tokenFromMail,
  userWithPassword,
} from "../../_support/auth.ts";

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

Deno.test("auth API - T9 refresh rotation: successor, leeway retry, reuse revokes the family", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const user = await userWithPassword(t);
    const refresh = (token?: string, headers: Record<string, string> = {}) =>
      t.request("/api/v1/auth/refresh", {
        method: "POST",
        headers,
        ...(token === undefined ? {} : { json: { refresh_token: token } }),
      });
    const a = await signIn(t, user.email);
    clock.advance(1000);
    const b = await expectJson<Tokens>(await refresh(a.refresh_token), 200);
    assert.notEqual(b.refresh_token, a.refresh_token);
    assert.equal(b.expires_in, 1800, "the access token keeps 30 minutes");

    // A network retry of A inside the leeway: refused, but the session survives.
    const retry = await expectProblem(await refresh(a.refresh_token), 401);
    assert.equal(retry.detail, "Refresh token already used");

    clock.advance(11_000);
    const reuse = await expectProblem(await refresh(a.refresh_token), 401);
    assert.match(reuse.detail, /reuse detected/);
    const dead = await expectProblem(await refresh(b.refresh_token), 401);
    assert.equal(dead.detail, "Invalid refresh token", "B died with its family");
    const audit = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh_reuse_detected'`,
    );
    assert.equal(audit[0].n, 1, "the reuse left an audit event");

    // A new login is a new family; it rotates via the cookie alone.
    const c = await signIn(t, user.email);
    const viaCookie = await expectJson<Tokens>(
      await refresh(undefined, { cookie: `fittrack_refresh=${c.refresh_token}` }),
      200,
    );
    assert.notEqual(viaCookie.refresh_token, c.refresh_token);

    // Two (here: ten) concurrent refreshes of one token: exactly one successor.
    const d = await signIn(t, user.email);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => refresh(d.refresh_token)),
    );
    const statuses = results.map((r) => r.status).sort();
    await Promise.all(results.map((r) => r.body?.cancel()));
    assert.deepEqual(statuses, [200, ...Array(9).fill(401)]);
    const family = await t.services.db.rows<{ n: number; expiries: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT family_expires_at)::int AS expiries
        FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens
        WHERE parent_id IS NOT NULL ORDER BY created_at DESC LIMIT 1)`,
    );
    assert.equal(family[0].n, 2, "the parent and exactly one child");
    assert.equal(family[0].expiries, 1, "rotation never extends family_expires_at");
    const stored = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = ${d.refresh_token}`,
    );
    assert.equal(stored[0].n, 0, "refresh tokens are stored only as hashes");
  } finally {
    await t.close();
  }
});

Deno.test("auth API - refresh: expired, invalid and missing tokens; logout revokes", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const user = await userWithPassword(t);
    const refresh = (token: unknown) =>
      t.request("/api/v1/auth/refresh", { method: "POST", json: { refresh_token: token } });
    const old = await signIn(t, user.email);
    clock.advance(8 * 86400 * 1000);
    const expired = await expectProblem(await refresh(old.refresh_token), 401);
    assert.equal(expired.detail, "Refresh token expired, please log in again");
    const invalid = await expectProblem(await refresh("garbage-token"), 401);
    assert.equal(invalid.detail, "Invalid refresh token");
    await expectProblem(await t.request("/api/v1/auth/refresh", { method: "POST" }), 401);
    await expectProblem(await refresh(12), 422, "refresh_token");

    const s = await signIn(t, user.email);
    await expectProblem(await t.request("/api/v1/auth/logout", { method: "POST" }), 401);
    const out = await t.request("/api/v1/auth/logout", {
      method: "POST",
      headers: bearer(s.access_token),
    });
    assert.equal(out.status, 204);
    assert.match(out.headers.get("set-cookie") ?? "", /fittrack_refresh=;/);
    const after = await expectProblem(await refresh(s.refresh_token), 401);
    assert.equal(after.detail, "Invalid refresh token");
  } finally {
    await t.close();
  }
});

Deno.test("auth API - /users/me: read, edit profile only, change password signs out other sessions", async () => {
  const t = await testContext();
  try {
    const user = await userWithPassword(t);
    const here = await signIn(t, user.email);
    const elsewhere = await signIn(t, user.email);
    const as = bearer(here.access_token);

    const missing = await expectProblem(await t.request("/api/v1/users/me"), 401);
    assert.equal(missing.detail, "Authentication required");
    const me = await expectJson<{ id: string; connections: unknown[] }>(
      await t.request("/api/v1/users/me", { headers: as }),
      200,
    );
    assert.equal(me.id, user.id);
    const edited = await expectJson<{ profile: { display_name: string; tier_code: string } }>(
      await t.request("/api/v1/users/me", {
        method: "PUT",
        headers: as,
        json: { display_name: "New Me", fitness_level: "advanced" },
      }),
      200,
    );
    assert.equal(edited.profile.display_name, "New Me");
    assert.match(edited.profile.tier_code, /-ADV$/);
    await expectProblem(
      await t.request("/api/v1/users/me", { method: "PUT", headers: as, json: { role: "admin" } }),
      422,
    );
    await expectProblem(
      await t.request("/api/v1/users/me", { method: "PUT", headers: as, json: {} }),
      422,
    );

    const change = (json: unknown) =>
      t.request("/api/v1/users/me/password", { method: "PUT", headers: as, json });
    await expectProblem(
      await change({ current_password: "Wrong-Password-1!", new_password: "Brand-New-Pass-77" }),
      422,
      "current_password",
    );
    await expectProblem(
      await change({ current_password: TEST_PASSWORD, new_password: "short" }),
      422,
      "new_password",
    );
    const ok = await change({ current_password: TEST_PASSWORD, new_password: "Brand-New-Pass-77" });
    assert.equal(ok.status, 204);

    const refresh = (token: string) =>
      t.request("/api/v1/auth/refresh", { method: "POST", json: { refresh_token: token } });
    await expectProblem(await refresh(elsewhere.refresh_token), 401);
    await expectJson(await refresh(here.refresh_token), 200);
    await expectProblem(
      await t.request("/api/v1/auth/login", {
        method: "POST",
        json: { email: user.email, password: TEST_PASSWORD },
      }),
      401,
    );
    await signIn(t, user.email, "Brand-New-Pass-77");
    const notice = await mailbox(t, user.email);
    assert.match(notice[0].subject, /security notice/i);
  } finally {
    await t.close();
  }
});

Deno.test("auth API - forgot and reset password: one hour, single use, revokes every session", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const user = await userWithPassword(t);
    const session = await signIn(t, user.email);
    const forgot = (email: string) =>
      t.request("/api/v1/auth/forgot-password", { method: "POST", json: { email } });
    const unknown = await expectJson<{ message: string }>(await forgot("ghost@example.com"), 202);
    const known = await expectJson<{ message: string }>(await forgot(user.email), 202);
    assert.equal(unknown.message, known.message, "no account enumeration");
    const mails = await mailbox(t, user.email);
    assert.match(mails[0].subject, /Reset/);
    const token = tokenFromMail(mails[0].text);

    const reset = (json: unknown) =>
      t.request("/api/v1/auth/reset-password", { method: "POST", json });
    await expectProblem(await reset({ token, new_password: "weak" }), 422, "new_password");
    const done = await reset({ token, new_password: "Reset-Password-2026" });
    await expectJson(done, 200);
    const used = await expectProblem(
      await reset({ token, new_password: "Another-Password-2026" }),
      400,
    );
    assert.equal(used.detail, "Password reset token already used");
    await expectProblem(
      await t.request("/api/v1/auth/refresh", {
        method: "POST",
        json: { refresh_token: session.refresh_token },
      }),
      401,
    );
    await signIn(t, user.email, "Reset-Password-2026");

    await expectJson(await forgot(user.email), 202);
    const second = tokenFromMail((await mailbox(t, user.email))[0].text);
    clock.advance(61 * 60 * 1000);
    const late = await expectProblem(
      await reset({ token: second, new_password: "Too-Late-Password-1" }),
      400,
    );
    assert.match(late.detail, /expired/);
    const bad = await expectProblem(
      await reset({ token: "x", new_password: "Whatever-Pass-12" }),
      400,
    );
    assert.equal(bad.detail, "Invalid password reset token");
  } finally {
    await t.close();
  }
});

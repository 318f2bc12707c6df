import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { login } from "../../../core/auth/login.ts";
import { DomainError } from "../../../core/errors.ts";
import { TEST_DATABASE_URL, testContext } from "../../_support/services.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { movableClock, signIn, TEST_PASSWORD, userWithPassword } from "../../_support/auth.ts";

const LOCKED = "Account temporarily locked, try again in 15 minutes";

Deno.test("auth API - T11 20 parallel wrong passwords: exactly 4 x 401 then 429, locked 15 minutes", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const user = await userWithPassword(t);
    const attempt = (password: string) =>
      t.request("/api/v1/auth/login", { method: "POST", json: { email: user.email, password } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(`Wrong-Password-${i}!`)),
    );
    const bodies = await Promise.all(answers.map((r) => r.json()));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 4, `statuses: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 16, `statuses: ${statuses}`);
    for (const [i, body] of bodies.entries()) {
      assert.equal(
        body.detail,
        statuses[i] === 401 ? "Invalid email or password" : LOCKED,
      );
    }
    assert.ok(answers.find((r) => r.status === 429)?.headers.get("retry-after"));
    // A request that reads the lock before any failure is recorded goes on to Argon2 and is
    // counted; one that arrives after the fifth is refused unhashed. However they interleave,
    // each hashed failure is counted exactly once (one audit row each), and at least five were.
    const [row] = await t.services.db.rows<{ failures: number }>(
      sql`SELECT failures FROM login_failures`,
    );
    const [audited] = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed'`,
    );
    assert.equal(row.failures, audited.n, "every hashed failure counted exactly once");
    assert.ok(row.failures >= 5 && row.failures <= 20, `${row.failures} failures counted`);

    // Even the right password is refused while locked, and no tokens are issued.
    const locked = await expectProblem(await attempt(TEST_PASSWORD), 429);
    assert.equal(locked.detail, LOCKED);
    clock.advance(14 * 60 * 1000);
    await expectProblem(await attempt(TEST_PASSWORD), 429);
    clock.advance(61 * 1000);
    await expectJson(await attempt(TEST_PASSWORD), 200);
    const [after] = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM login_failures`,
    );
    assert.equal(after.n, 0, "a successful login resets the counter");
  } finally {
    await t.close();
  }
});

Deno.test("auth API - T11 the lock is in the database: it survives a restart", async () => {
  const suffix = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
  const dataDir = TEST_DATABASE_URL ? undefined : await Deno.makeTempDir();
  const env: Record<string, string> = TEST_DATABASE_URL
    ? { DATABASE_SCHEMA: `t_lock_${suffix}` }
    : { FITTRACK_DATA_DIR: dataDir! };
  let email = "";
  const first = await testContext({ env });
  try {
    email = (await userWithPassword(first)).email;
    for (let i = 0; i < 5; i++) {
      await first.request("/api/v1/auth/login", {
        method: "POST",
        json: { email, password: "Wrong-Password-1!" },
      }).then((r) => r.body?.cancel());
    }
  } finally {
    await first.close();
  }
  const second = await testContext({ env });
  try {
    const body = await expectProblem(
      await second.request("/api/v1/auth/login", {
        method: "POST",
        json: { email, password: TEST_PASSWORD },
      }),
      429,
    );
    assert.equal(body.detail, LOCKED);
  } finally {
    if (TEST_DATABASE_URL) {
      await second.services.db.session((raw) =>
        raw.exec(`DROP SCHEMA IF EXISTS "t_lock_${suffix}" CASCADE`)
      );
    }
    await second.close();
    if (dataDir) await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("auth API - T11 one address against many accounts is throttled after 20 failures", async () => {
  const t = await testContext();
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await t.request("/api/v1/auth/login", {
        method: "POST",
        json: { email: `victim${i}@example.com`, password: "Guess-Password-123" },
      });
      await response.body?.cancel();
      statuses.push(response.status);
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    assert.deepEqual(statuses.slice(20), Array(5).fill(429));
  } finally {
    await t.close();
  }
});

Deno.test("auth API - T11 unknown and known emails: same answer, about the same time", async () => {
  const t = await testContext();
  try {
    const users = [];
    for (let i = 0; i < 21; i++) users.push(await userWithPassword(t));
    await signIn(t, users[0].email); // warm up code paths and the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (email: string, into: number[]) => {
      const started = performance.now();
      try {
        await login(t.services.core, { email, password: "Wrong-Password-99!" });
        assert.fail("a wrong password must not log in");
      } catch (error) {
        assert.ok(error instanceof DomainError);
        assert.equal(error.message, "Invalid email or password");
      }
      into.push(performance.now() - started);
    };
    // Pairs in alternating order, so drift in machine load hits both sides alike.
    for (let i = 1; i < users.length; i++) {
      if (i % 2) {
        await timed(users[i].email, known);
        await timed(`nobody${i}@example.com`, unknown);
      } else {
        await timed(`nobody${i}@example.com`, unknown);
        await timed(users[i].email, known);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const gap = Math.abs(median(known.map((k, i) => k - unknown[i])));
    console.log(
      `login median: known ${median(known).toFixed(1)} ms, unknown ${
        median(unknown).toFixed(1)
      } ms, median pair gap ${gap.toFixed(1)} ms`,
    );
    // "About as long": within 5 ms, or 15% of a login when a loaded machine stretches both.
    const allowed = Math.max(5, 0.15 * median([...known, ...unknown]));
    assert.ok(gap < allowed, `median gap ${gap.toFixed(1)} ms (allowed ${allowed.toFixed(1)} ms)`);
  } finally {
    await t.close();
  }
});

Deno.test("auth API - T11 a 1,000 req/s login flood is capped below the Argon2 ceiling; other routes stay fast", async () => {
  const t = await testContext();
  try {
    // Distinct client addresses, so only the global ceiling (60 logins/s) applies.
    const fromAddress = async (i: number) =>
      await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `flood${i}@example.com`, password: "Flood-Password-1!" }),
      }, { remoteAddr: { hostname: `10.0.${i >> 8}.${i & 255}`, port: 40000, transport: "tcp" } });
    const started = performance.now();
    const health: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const sent = performance.now();
        const response = await t.request("/health");
        await response.body?.cancel();
        assert.equal(response.status, 200);
        health.push(performance.now() - sent);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    // 500 requests at 1,000 req/s: 100 every 100 ms.
    const burst: Promise<Response>[] = [];
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 100; i++) burst.push(fromAddress(batch * 100 + i));
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = await Promise.all(burst);
    const seconds = (performance.now() - started) / 1000;
    flooding = false;
    await probe;
    await Promise.all(answers.map((r) => r.body?.cancel()));
    const statuses = answers.map((r) => r.status);
    const hashed = statuses.filter((s) => s === 401).length;
    const limited = statuses.filter((s) => s === 429).length;
    assert.equal(hashed + limited, 500, "every request is a 401 or a 429, never a 5xx");
    const p99 = [...health].sort((a, b) => a - b)[Math.floor(health.length * 0.99)];
    console.log(
      `flood: ${hashed} logins hashed, ${limited} refused, all answered in ${
        seconds.toFixed(2)
      } s; ` +
        `/health p99 ${p99.toFixed(1)} ms over ${health.length} probes`,
    );
    // At most 60 per one-second window the flood touched.
    assert.ok(hashed <= 60 * (Math.ceil(seconds) + 1), `${hashed} logins reached Argon2`);
    // The latency SLO is for server mode. Embedded PGlite executes SQL (WASM) on the event-loop
    // thread, so there the 60 admitted logins' queries delay other requests: measured ~75 ms p99
    // on a loaded 2-core box. Reported above either way; asserted where the SLO applies.
    if (t.services.db.kind === "postgres") assert.ok(p99 < 50, `/health p99 ${p99.toFixed(1)} ms`);
  } finally {
    await t.close();
  }
});

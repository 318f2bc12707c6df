/**
 * The database going away mid-service: requests answer 503 problem+json (with
 * Retry-After) instead of 500s, readiness says so, and once the database is
 * back the same process serves again without a restart. The app reaches
 * PostgreSQL through a TCP proxy the test can cut. Defined when
 * FITTRACK_TEST_DATABASE_URL is set.
 *
 * @module
 */
import assert from "node:assert/strict";
import { authHeaders } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { TEST_DATABASE_URL, testContext } from "../../_support/services.ts";

/** A loopback TCP proxy to PostgreSQL that can drop every connection and refuse new ones. */
function proxy(target: { hostname: string; port: number }) {
  let listener: Deno.Listener | null = null;
  const open = new Set<Deno.Conn>();
  let port = 0;
  const serve = async (l: Deno.Listener) => {
    for await (const client of l) {
      try {
        const upstream = await Deno.connect(target);
        open.add(client).add(upstream);
        client.readable.pipeTo(upstream.writable).catch(() => {});
        upstream.readable.pipeTo(client.writable).catch(() => {});
      } catch {
        client.close();
      }
    }
  };
  return {
    get port() {
      return port;
    },
    start() {
      if (listener) return;
      listener = Deno.listen({ hostname: "127.0.0.1", port });
      port = (listener.addr as Deno.NetAddr).port;
      serve(listener).catch(() => {});
    },
    cut() {
      listener?.close();
      listener = null;
      for (const c of open) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      open.clear();
    },
  };
}

if (TEST_DATABASE_URL) {
  Deno.test("database outage - 503 with Retry-After while it is gone, served again without a restart", async () => {
    const real = new URL(TEST_DATABASE_URL!);
    const link = proxy({ hostname: real.hostname, port: Number(real.port || 5432) });
    link.start();
    const viaProxy = new URL(TEST_DATABASE_URL!);
    viaProxy.port = String(link.port);
    const t = await testContext({ env: { DATABASE_URL: viaProxy.toString() } });
    try {
      const headers = await authHeaders(t, "admin");
      await expectJson(await t.request("/api/v1/users", { headers }), 200);

      link.cut();
      const gone = await expectProblem(await t.request("/api/v1/users", { headers }), 503);
      assert.match(gone.detail, /database is unavailable/);
      const again = await t.request("/api/v1/drawings", { headers });
      assert.equal(again.status, 503);
      assert.equal(again.headers.get("retry-after"), "5");
      await again.body?.cancel();
      await expectJson(await t.request("/health/ready"), 503);

      link.start();
      await expectJson(await t.request("/api/v1/users", { headers }), 200);
      await expectJson(await t.request("/health/ready"), 200);
    } finally {
      link.start();
      await t.close();
      link.cut();
    }
  });
}

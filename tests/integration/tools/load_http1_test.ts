/**
 * The load generator's HTTP/1.1 client against a real Deno.serve server:
 * fixed-length and chunked answers, a POST body, keep-alive reuse, and a
 * closed connection reported and then reopened.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Http1Connection } from "../../../scripts/load/http1.ts";

Deno.test("load http1 client - lengths, chunks, bodies, keep-alive and reconnects", async () => {
  const peers = new Set<string>();
  const big = "x".repeat(200_000);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req, info) => {
      peers.add(`${info.remoteAddr.hostname}:${info.remoteAddr.port}`);
      const url = new URL(req.url);
      if (url.pathname === "/echo") {
        return new Response(`${req.method} ${req.headers.get("x-user")} ${await req.text()}`, {
          status: 201,
        });
      }
      if (url.pathname === "/chunked") {
        const parts = ["Zoë ", "🏃 ", big];
        return new Response(
          new ReadableStream({
            pull(controller) {
              const next = parts.shift();
              if (next === undefined) controller.close();
              else controller.enqueue(new TextEncoder().encode(next));
            },
          }),
        );
      }
      return new Response(null, { status: 404 });
    },
  );
  const conn = new Http1Connection(new URL(`http://127.0.0.1:${server.addr.port}`));
  try {
    const posted = await conn.request(
      "POST /echo HTTP/1.1\r\nhost: test\r\nx-user: ann",
      '{"quantity":1}',
    );
    assert.equal(posted.status, 201);
    assert.equal(new TextDecoder().decode(posted.body), 'POST ann {"quantity":1}');
    const chunked = await conn.request("GET /chunked HTTP/1.1\r\nhost: test");
    assert.equal(chunked.status, 200);
    assert.equal(new TextDecoder().decode(chunked.body), `Zoë 🏃 ${big}`);
    const missing = await conn.request("GET /nothing HTTP/1.1\r\nhost: test");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.length, 0);
    assert.equal(peers.size, 1, "one keep-alive connection for all three");

    // The peer goes away: the request fails, and the next one opens a new connection.
    await server.shutdown();
    await assert.rejects(() => conn.request("GET /echo HTTP/1.1\r\nhost: test"));
    const again = Deno.serve(
      { hostname: "127.0.0.1", port: server.addr.port, onListen() {} },
      () => new Response("back"),
    );
    try {
      const back = await conn.request("GET / HTTP/1.1\r\nhost: test");
      assert.equal(new TextDecoder().decode(back.body), "back");
    } finally {
      await again.shutdown();
    }
  } finally {
    conn.close();
    await server.shutdown().catch(() => {});
  }
});

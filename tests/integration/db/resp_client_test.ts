/**
 * The lean Redis connection against a real, private redis-server: replies of
 * every type, ordering under pipelining, replies split across reads, scripts
 * loaded on demand, timeouts that keep later replies aligned, and failing fast
 * while Redis is away and reconnecting once it is back.
 */
import assert from "node:assert/strict";
import {
  encodeCommand,
  parseReply,
  RespClient,
  RespError,
  RespUnavailable,
} from "../../../db/cache/resp_client.ts";
import { startRedis } from "../../_support/redis_server.ts";

Deno.test("RESP client - replies of every type, in order, with UTF-8 and large values", async () => {
  const redis = await startRedis();
  const client = new RespClient(redis.url);
  try {
    assert.equal(await client.call(["PING"]), "PONG");
    assert.equal(await client.call(["SET", "name", "Zoë 🏃 Ñandú"]), "OK");
    assert.equal(await client.call(["GET", "name"]), "Zoë 🏃 Ñandú");
    assert.equal(await client.call(["GET", "missing"]), null);
    assert.equal(await client.call(["INCRBY", "n", 41]), 41);
    const big = "x".repeat(300_000); // larger than the 64 KiB read buffer
    await client.call(["SET", "big", big]);
    assert.equal(await client.call(["GET", "big"]), big);
    assert.deepEqual(
      await client.call(["EVAL", "return {1, 'a', {2, false}, redis.call('GET', 'name')}", 0]),
      [1, "a", [2, null], "Zoë 🏃 Ñandú"],
    );
    await assert.rejects(client.call(["INCR", "name"]), RespError);
    // Issued in one tick, written together, answered in order.
    const counts = await Promise.all(
      Array.from({ length: 2000 }, () => client.call(["INCR", "counter"])),
    );
    assert.deepEqual(counts, Array.from({ length: 2000 }, (_, i) => i + 1));
  } finally {
    client.close();
    await redis.stop();
  }
});

Deno.test("RESP client - a script is loaded on demand (NOSCRIPT) and then called by its hash", async () => {
  const redis = await startRedis();
  const client = new RespClient(redis.url);
  try {
    const add = client.script("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    assert.equal(await add(["k"], [5]), 5, "first call: EVAL after NOSCRIPT");
    assert.equal(await add(["k"], [2]), 7);
    await client.call(["SCRIPT", "FLUSH"]);
    assert.equal(await add(["k"], [1]), 8, "reloaded after a flush");
    const stats = String(await client.call(["INFO", "commandstats"]));
    assert.match(stats, /cmdstat_evalsha:calls=3/);
    assert.match(stats, /cmdstat_eval:calls=2/);
  } finally {
    client.close();
    await redis.stop();
  }
});

Deno.test("RESP client - a late reply rejects its call and the next call still gets its own", async () => {
  const redis = await startRedis();
  const client = new RespClient(redis.url, { timeoutMs: 150 });
  try {
    await client.call(["SET", "a", "1"]);
    const started = performance.now();
    // A 1 s sleep leaves 700 ms of slack between the 150 ms timeout and the bound on a loaded box.
    await assert.rejects(client.call(["DEBUG", "SLEEP", "1"]), RespUnavailable);
    assert.ok(performance.now() - started < 850, "gave up at the timeout");
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await client.call(["GET", "a"]), "1", "the sleeper's OK was dropped, not taken");
  } finally {
    client.close();
    await redis.stop();
  }
});

Deno.test("RESP client - fails fast while Redis is away and reconnects when it returns", async () => {
  const redis = await startRedis();
  const client = new RespClient(redis.url, { retryMs: 50 });
  let back: Awaited<ReturnType<typeof startRedis>> | null = null;
  try {
    await client.call(["SET", "k", "v"]);
    await redis.stop();
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await assert.rejects(client.call(["GET", "k"]), RespUnavailable);
      assert.ok(performance.now() - started < 500, "no hang while Redis is gone");
    }
    back = await startRedis(redis.port);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(await client.call(["GET", "k"]), null, "reconnected to the new, empty Redis");
    assert.equal(await client.call(["SET", "k", "again"]), "OK");
  } finally {
    client.close();
    await back?.stop();
  }
  await assert.rejects(client.call(["PING"]), RespUnavailable, "closed clients refuse");
});

Deno.test("RESP client - a password and a database number in the URL; a wrong password is refused", async () => {
  const redis = await startRedis(undefined, { password: "s3cret/pass" });
  const url = (path: string, password: string) =>
    `redis://:${encodeURIComponent(password)}@127.0.0.1:${redis.port}${path}`;
  const db2 = new RespClient(url("/2", "s3cret/pass"));
  const db0 = new RespClient(url("", "s3cret/pass"));
  const wrong = new RespClient(url("", "not-it"), { retryMs: 0 });
  try {
    // Calls made while the connection is still opening go after AUTH and SELECT.
    const [set, got] = await Promise.all([db2.call(["SET", "k", "in 2"]), db2.call(["GET", "k"])]);
    assert.deepEqual([set, got], ["OK", "in 2"]);
    assert.equal(await db0.call(["GET", "k"]), null, "database 0 is another keyspace");
    await assert.rejects(wrong.call(["PING"]), RespError);
    await assert.rejects(wrong.call(["PING"]), RespError, "and again on the next try");
  } finally {
    db2.close();
    db0.close();
    wrong.close();
    await redis.stop();
  }
});

Deno.test("RESP parser - a reply split at any byte waits for the rest", () => {
  const bytes = new TextEncoder().encode("*3\r\n:12\r\n$4\r\nhé!\r\n*2\r\n+OK\r\n$-1\r\n");
  for (let cut = 0; cut < bytes.length; cut++) {
    const partial = parseReply(bytes, 0, cut);
    assert.equal(typeof partial, "symbol", `incomplete at ${cut} bytes`);
  }
  const whole = parseReply(bytes, 0, bytes.length);
  assert.notEqual(typeof whole, "symbol");
  assert.deepEqual((whole as { value: unknown }).value, [12, "hé!", ["OK", null]]);
  assert.equal((whole as { end: number }).end, bytes.length);
  assert.equal(encodeCommand(["SET", "k", "é"]), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n");
  for (const value of ["ascii", "é", "€", "🏃‍♀️", "\ud800x", "x\udc00", "Zoë 🏃 Ñandú"]) {
    const declared = Number(/\$(\d+)\r\n/.exec(encodeCommand([value]))![1]);
    assert.equal(declared, new TextEncoder().encode(value).length, JSON.stringify(value));
  }
});

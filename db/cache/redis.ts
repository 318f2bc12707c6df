import { Redis } from "ioredis";
import type { Cache } from "../../core/ports.ts";
import { createMemoryCache } from "./memory.ts";
import { RespClient } from "./resp_client.ts";

/**
 * A fixed-window hit: count it, start the window on the first hit (or on a key
 * that lost its expiry), answer the count and the milliseconds left. One
 * script, so one round trip and no window without an expiry.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/**
 * Redis-backed cache: counters and values shared by every app instance. When
 * Redis stops answering, each operation falls back to an in-process cache
 * after a short timeout, so requests keep being served (limits then hold per
 * instance) while `ping()` — and so /health/ready — reports the outage.
 */
export function createRedisCache(
  url: string,
  prefix: string,
  options: { commandTimeoutMs?: number; onFallback?: (error: unknown) => void } = {},
): Cache {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on("error", () => {}); // surfaced through ping() and the fallback
  // Every request counts a hit: that one script goes over the lean connection.
  const fast = new RespClient(url, {
    connectTimeoutMs: 2000,
    timeoutMs: options.commandTimeoutMs ?? 500,
  });
  const hitWindow = fast.script(HIT_SCRIPT);
  const local = createMemoryCache();
  async function attempt<T>(shared: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      return await shared();
    } catch (error) {
      options.onFallback?.(error);
      return await fallback();
    }
  }
  return {
    kind: "redis",
    get: (key) => attempt(() => redis.get(key), () => local.get(key)),
    set: (key, value, ttl) =>
      attempt(async () => {
        await redis.set(key, value, "EX", ttl);
      }, () => local.set(key, value, ttl)),
    del: (key) =>
      attempt(async () => {
        await redis.del(key);
      }, () => local.del(key)),
    hit: (key, ttl) =>
      attempt(async () => {
        const [count, pttl] = await hitWindow([prefix + key], [ttl * 1000]) as [number, number];
        return { count, resetSeconds: Math.max(1, Math.ceil(pttl / 1000)) };
      }, () => local.hit(key, ttl)),
    ping: async () => {
      if (redis.status === "wait") await redis.connect();
      await redis.ping();
    },
    close: async () => {
      fast.close();
      await local.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

import { Redis } from "ioredis";
import type { Cache } from "../../core/ports.ts";
import { createMemoryCache } from "./memory.ts";

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
        const [[, count], [, pttl]] = (await redis.multi().incr(key).pttl(key).exec()) as [
          [unknown, number],
          [unknown, number],
        ];
        if (pttl < 0) await redis.pexpire(key, ttl * 1000);
        return { count, resetSeconds: pttl > 0 ? Math.ceil(pttl / 1000) : ttl };
      }, () => local.hit(key, ttl)),
    ping: async () => {
      if (redis.status === "wait") await redis.connect();
      await redis.ping();
    },
    close: async () => {
      await local.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

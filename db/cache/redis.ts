import { Redis } from "ioredis";
import type { Cache } from "../../core/ports.ts";

/** Redis-backed cache: counters and values shared by every app instance. */
export function createRedisCache(url: string, prefix: string): Cache {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on("error", () => {}); // surfaced through ping()/commands; avoid unhandled noise
  return {
    kind: "redis",
    get: (key) => redis.get(key),
    set: async (key, value, ttl) => {
      await redis.set(key, value, "EX", ttl);
    },
    del: async (key) => {
      await redis.del(key);
    },
    hit: async (key, ttl) => {
      const [[, count], [, pttl]] = (await redis.multi().incr(key).pttl(key).exec()) as [
        [unknown, number],
        [unknown, number],
      ];
      if (pttl < 0) await redis.pexpire(key, ttl * 1000);
      return { count, resetSeconds: pttl > 0 ? Math.ceil(pttl / 1000) : ttl };
    },
    ping: async () => {
      if (redis.status === "wait") await redis.connect();
      await redis.ping();
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

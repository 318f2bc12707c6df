import type { Cache } from "../../core/ports.ts";

/** In-process cache for the embedded mode; same contract as the Redis one. */
export function createMemoryCache(now: () => number = Date.now): Cache {
  const values = new Map<string, { value: string; expires: number }>();
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expires <= now()) values.delete(key);
    return values.get(key);
  };
  return {
    kind: "memory",
    get: (key) => Promise.resolve(live(key)?.value ?? null),
    set: (key, value, ttl) => {
      values.set(key, { value, expires: now() + ttl * 1000 });
      return Promise.resolve();
    },
    del: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
    hit: (key, ttl) => {
      const entry = live(key) ?? { value: "0", expires: now() + ttl * 1000 };
      entry.value = String(Number(entry.value) + 1);
      values.set(key, entry);
      return Promise.resolve({
        count: Number(entry.value),
        resetSeconds: Math.max(1, Math.ceil((entry.expires - now()) / 1000)),
      });
    },
    ping: () => Promise.resolve(),
    close: () => {
      values.clear();
      return Promise.resolve();
    },
  };
}

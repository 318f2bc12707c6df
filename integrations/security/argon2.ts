/**
 * Argon2id password hashing (OWASP's first choice) with OWASP's minimum
 * parameters: 19 MiB memory, 2 iterations, 1 lane.
 *
 * Each hash is ~15–30 ms of one core on a thread of its own. Left alone, a
 * burst of logins runs one per pool thread and takes every core, and the event
 * loop that serves all other requests waits for CPU (T11: other routes must
 * stay fast during a login flood). So at most {@link DEFAULT_HASH_CONCURRENCY}
 * hashes run at once — one core is always left for everything else — and the
 * rest wait their turn.
 *
 * @module
 */
import { hash, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../../core/ports.ts";

export const ARGON2_PARAMS = {
  algorithm: 2, // Argon2id
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes at once: every core but one (at least one). */
export const DEFAULT_HASH_CONCURRENCY = Math.max(1, (navigator.hardwareConcurrency ?? 2) - 1);

/** Runs tasks with at most `limit` of them in flight; the others wait in arrival order. */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

export function createArgon2Hasher(
  concurrency: number = DEFAULT_HASH_CONCURRENCY,
): PasswordHasher {
  const limited = concurrencyLimit(concurrency);
  return {
    hash: (password) => limited(() => hash(password, ARGON2_PARAMS)),
    verify: (stored, password) =>
      limited(async () => {
        try {
          return await verify(stored, password);
        } catch {
          return false;
        }
      }),
  };
}

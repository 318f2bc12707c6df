/**
 * Argon2id password hashing (OWASP's first choice) with OWASP's minimum
 * parameters: 19 MiB memory, 2 iterations, 1 lane.
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

export function createArgon2Hasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, ARGON2_PARAMS),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}

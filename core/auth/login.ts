/**
 * Login with per-account lockout: 5 failures within 15 minutes lock the
 * account for 15 minutes. Unknown emails do the same work as known ones
 * (a verify against a dummy hash) and get the same answer.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps, PasswordHasher } from "../ports.ts";
import { issueTokens } from "./_session.ts";
import type { LoginInput, TokenResponse } from "./schemas.ts";

/** The lockout rule; the counter lives in the database so it holds across restarts and instances. */
export const LOCKOUT = { max: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;

const INVALID = "Invalid email or password";

const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/** A real hash of a random password, made once per hasher, so unknown emails cost a verify too. */
function dummyHash(hasher: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    hash = hasher.hash(crypto.randomUUID());
    dummyHashes.set(hasher, hash);
  }
  return hash;
}

function locked(until: Date, now: Date): DomainError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError(
    "account_locked",
    `Account temporarily locked, try again in ${minutes} minutes`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * Checks the credentials and starts a session. Throws 401 for a wrong
 * password or unknown email alike, 403 for an unverified or suspended
 * account, and 429 while the account is locked.
 */
export async function login(deps: CoreDeps, input: LoginInput): Promise<TokenResponse> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const before = await deps.store.auth.loginFailures(email, now);
  // Checked before hashing so a locked account costs no Argon2 work.
  if (before.locked_until && before.locked_until > now) throw locked(before.locked_until, now);

  const found = await deps.store.users.findByEmail(email);
  const stored = found?.password_hash ?? await dummyHash(deps.passwords);
  const matches = await deps.passwords.verify(stored, input.password);
  if (!found || !found.password_hash || !matches) {
    const after = await deps.store.auth.recordLoginFailure(email, now, LOCKOUT);
    await deps.store.audit.record({
      actor_id: found?.user.id ?? null,
      action: "auth.login_failed",
      entity_type: "user",
      entity_id: found?.user.id ?? null,
      details: { email, failures: after.failures },
    });
    if (after.locked_until && after.locked_until > now) throw locked(after.locked_until, now);
    throw new DomainError("unauthenticated", INVALID);
  }

  const user = found.user;
  if (!user.email_verified || user.status === "pending") {
    throw new DomainError("email_not_verified", "Email not verified, check inbox");
  }
  if (user.status !== "active") {
    throw new DomainError("forbidden", `Account is ${user.status}; contact support`);
  }
  if (before.failures > 0) await deps.store.auth.clearLoginFailures(email);
  return await deps.store.transaction(async (tx) => {
    await tx.auth.recordLogin(user.id, now);
    await tx.audit.record({
      actor_id: user.id,
      action: "auth.login",
      entity_type: "user",
      entity_id: user.id,
    });
    return await issueTokens(deps, tx, { ...user, last_login_at: now.toISOString() });
  });
}

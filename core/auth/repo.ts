/**
 * What auth needs from storage: refresh-token families, one-time tokens, the
 * per-account failure counter, and the few user columns only auth writes.
 *
 * @module
 */

export type OneTimePurpose = "verify_email" | "reset_password";

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  parent_id: string | null;
  user_id: string;
  expires_at: Date;
  family_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface NewRefreshToken {
  family_id: string;
  parent_id: string | null;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  family_expires_at: Date;
}

export interface OneTimeTokenRow {
  user_id: string;
  purpose: OneTimePurpose;
  expires_at: Date;
  used_at: Date | null;
}

export interface LoginFailures {
  failures: number;
  locked_until: Date | null;
}

export interface AuthRepo {
  insertRefreshToken(token: NewRefreshToken): Promise<RefreshTokenRow>;
  /**
   * Marks the token used if it is live at `now` (unused, unrevoked, unexpired)
   * and returns it; null otherwise. Atomic: of two concurrent claims one wins.
   */
  claimRefreshToken(tokenHash: string, now: Date): Promise<RefreshTokenRow | null>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRow | null>;
  /** True when some token of the family is still unused and unrevoked. */
  familyHasSuccessor(tokenId: string): Promise<boolean>;
  revokeFamily(familyId: string, now: Date): Promise<number>;
  /** Revokes every live family of the user except `exceptFamilyId`; returns how many tokens. */
  revokeUserSessions(userId: string, now: Date, exceptFamilyId?: string): Promise<number>;

  insertOneTimeToken(
    token: { user_id: string; purpose: OneTimePurpose; token_hash: string; expires_at: Date },
  ): Promise<void>;
  /** Marks the token used if live at `now`; returns its user id, or null. Atomic. */
  consumeOneTimeToken(
    tokenHash: string,
    purpose: OneTimePurpose,
    now: Date,
  ): Promise<string | null>;
  findOneTimeToken(tokenHash: string, purpose: OneTimePurpose): Promise<OneTimeTokenRow | null>;

  /** The account's stored failure count, and its lock when still in force at `now`. */
  loginFailures(email: string, now: Date): Promise<LoginFailures>;
  /**
   * Counts one failure atomically: starts a new window when the last one
   * lapsed, and locks the account for `lockSeconds` when the count reaches `max`.
   */
  recordLoginFailure(
    email: string,
    now: Date,
    policy: { windowSeconds: number; max: number; lockSeconds: number },
  ): Promise<LoginFailures>;
  clearLoginFailures(email: string): Promise<void>;

  recordLogin(userId: string, at: Date): Promise<void>;
  markEmailVerified(userId: string, at: Date): Promise<void>;
  setPasswordHash(userId: string, hash: string): Promise<void>;
}

/**
 * The {@link AuthRepo} port: refresh-token families, one-time tokens, the
 * per-account login failure counter and the user columns only auth writes.
 *
 * @module
 */
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type {
  AuthRepo,
  LoginFailures,
  NewRefreshToken,
  OneTimePurpose,
  OneTimeTokenRow,
  RefreshTokenRow,
} from "../../core/auth/repo.ts";
import type { Database, Orm } from "../client.ts";
import { loginFailures, oneTimeTokens, refreshTokens, users } from "../schema/mod.ts";

type RefreshRow = typeof refreshTokens.$inferSelect;

function date(value: Date | string | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}

function toRefresh(row: RefreshRow): RefreshTokenRow {
  return {
    id: row.id,
    family_id: row.familyId,
    parent_id: row.parentId,
    user_id: row.userId,
    expires_at: row.expiresAt,
    family_expires_at: row.familyExpiresAt,
    used_at: row.usedAt,
    revoked_at: row.revokedAt,
  };
}

export class DrizzleAuthRepo implements AuthRepo {
  constructor(private readonly db: Database, private readonly orm: Orm) {}

  async insertRefreshToken(token: NewRefreshToken): Promise<RefreshTokenRow> {
    const [row] = await this.orm.insert(refreshTokens).values({
      familyId: token.family_id,
      parentId: token.parent_id,
      userId: token.user_id,
      tokenHash: token.token_hash,
      expiresAt: token.expires_at,
      familyExpiresAt: token.family_expires_at,
    }).returning();
    return toRefresh(row);
  }

  async claimRefreshToken(tokenHash: string, now: Date): Promise<RefreshTokenRow | null> {
    const [row] = await this.orm.update(refreshTokens).set({ usedAt: now }).where(and(
      eq(refreshTokens.tokenHash, tokenHash),
      isNull(refreshTokens.usedAt),
      isNull(refreshTokens.revokedAt),
      gt(refreshTokens.expiresAt, now),
    )).returning();
    return row ? toRefresh(row) : null;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await this.orm.select().from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    return row ? toRefresh(row) : null;
  }

  async familyHasSuccessor(tokenId: string): Promise<boolean> {
    const rows = await this.orm.select({ id: refreshTokens.id }).from(refreshTokens).where(and(
      eq(refreshTokens.parentId, tokenId),
      isNull(refreshTokens.usedAt),
      isNull(refreshTokens.revokedAt),
    )).limit(1);
    return rows.length > 0;
  }

  async revokeFamily(familyId: string, now: Date): Promise<number> {
    const rows = await this.orm.update(refreshTokens).set({ revokedAt: now })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return rows.length;
  }

  async revokeUserSessions(userId: string, now: Date, exceptFamilyId?: string): Promise<number> {
    const rows = await this.orm.update(refreshTokens).set({ revokedAt: now }).where(and(
      eq(refreshTokens.userId, userId),
      isNull(refreshTokens.revokedAt),
      exceptFamilyId ? ne(refreshTokens.familyId, exceptFamilyId) : undefined,
    )).returning({ id: refreshTokens.id });
    return rows.length;
  }

  async insertOneTimeToken(
    token: { user_id: string; purpose: OneTimePurpose; token_hash: string; expires_at: Date },
  ): Promise<void> {
    await this.orm.insert(oneTimeTokens).values({
      userId: token.user_id,
      purpose: token.purpose,
      tokenHash: token.token_hash,
      expiresAt: token.expires_at,
    });
  }

  async consumeOneTimeToken(
    tokenHash: string,
    purpose: OneTimePurpose,
    now: Date,
  ): Promise<string | null> {
    const [row] = await this.orm.update(oneTimeTokens).set({ usedAt: now }).where(and(
      eq(oneTimeTokens.tokenHash, tokenHash),
      eq(oneTimeTokens.purpose, purpose),
      isNull(oneTimeTokens.usedAt),
      gt(oneTimeTokens.expiresAt, now),
    )).returning({ userId: oneTimeTokens.userId });
    return row?.userId ?? null;
  }

  async findOneTimeToken(
    tokenHash: string,
    purpose: OneTimePurpose,
  ): Promise<OneTimeTokenRow | null> {
    const [row] = await this.orm.select().from(oneTimeTokens).where(
      and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose)),
    );
    return row
      ? {
        user_id: row.userId,
        purpose: row.purpose,
        expires_at: row.expiresAt,
        used_at: row.usedAt,
      }
      : null;
  }

  async loginFailures(email: string, now: Date): Promise<LoginFailures> {
    const [row] = await this.orm.select().from(loginFailures).where(eq(loginFailures.email, email));
    if (!row) return { failures: 0, locked_until: null };
    const locked = row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
    return { failures: row.failures, locked_until: locked };
  }

  async recordLoginFailure(
    email: string,
    now: Date,
    policy: { windowSeconds: number; max: number; lockSeconds: number },
  ): Promise<LoginFailures> {
    const at = now.toISOString();
    // One statement: concurrent failures queue on the row lock and each sees the last count.
    const lapsed =
      sql`login_failures.window_started_at <= ${at}::timestamptz - make_interval(secs => ${policy.windowSeconds})`;
    const next = sql`CASE WHEN ${lapsed} THEN 1 ELSE login_failures.failures + 1 END`;
    const lockUntil = sql`${at}::timestamptz + make_interval(secs => ${policy.lockSeconds})`;
    const [row] = await this.db.rows<{ failures: number; locked_until: Date | string | null }>(
      sql`INSERT INTO login_failures AS login_failures
          (email, failures, window_started_at, locked_until, updated_at)
        VALUES (${email}, 1, ${at}::timestamptz,
          CASE WHEN 1 >= ${policy.max} THEN ${lockUntil} END, ${at}::timestamptz)
        ON CONFLICT (email) DO UPDATE SET
          failures = ${next},
          window_started_at = CASE WHEN ${lapsed} THEN ${at}::timestamptz
            ELSE login_failures.window_started_at END,
          locked_until = CASE WHEN ${next} >= ${policy.max} THEN ${lockUntil}
            ELSE login_failures.locked_until END,
          updated_at = ${at}::timestamptz
        RETURNING failures, locked_until`,
      this.orm,
    );
    return { failures: Number(row.failures), locked_until: date(row.locked_until) };
  }

  async clearLoginFailures(email: string): Promise<void> {
    await this.orm.delete(loginFailures).where(eq(loginFailures.email, email.toLowerCase()));
  }

  async recordLogin(userId: string, at: Date): Promise<void> {
    await this.orm.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId));
  }

  async markEmailVerified(userId: string, at: Date): Promise<void> {
    await this.orm.update(users).set({
      emailVerified: true,
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${at.toISOString()}::timestamptz)`,
      status: sql`CASE WHEN ${users.status} = 'pending' THEN 'active' ELSE ${users.status} END`,
      updatedAt: at,
      version: sql`${users.version} + 1`,
    }).where(eq(users.id, userId));
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.orm.update(users).set({
      passwordHash: hash,
      updatedAt: sql`now()`,
      version: sql`${users.version} + 1`,
    }).where(eq(users.id, userId));
  }
}

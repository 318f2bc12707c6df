import { and, eq, ilike, isNull, sql } from "drizzle-orm";
import type { ListQuery, Page } from "../../core/pagination.ts";
import type { NewUser, UserCredentials, UserPatch, UserRepo } from "../../core/users/repo.ts";
import type { User, UserDetail, UserFilter, UserSort } from "../../core/users/schemas.ts";
import type { Orm } from "../client.ts";
import { profiles, trackerConnections, users } from "../schema/mod.ts";
import { iso, orderBy, pageFrom } from "./_list.ts";

type UserRow = typeof users.$inferSelect;
type ProfileRow = typeof profiles.$inferSelect;

export function toUser(row: UserRow, profile: ProfileRow | null): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.status,
    email_verified: row.emailVerified,
    point_balance: row.pointBalance,
    points_earned_total: row.pointsEarnedTotal,
    last_login_at: iso(row.lastLoginAt),
    created_at: iso(row.createdAt)!,
    updated_at: iso(row.updatedAt)!,
    version: row.version,
    profile: profile
      ? {
        display_name: profile.displayName,
        date_of_birth: profile.dateOfBirth,
        state: profile.state,
        biological_sex: profile.biologicalSex,
        age_bracket: profile.ageBracket,
        fitness_level: profile.fitnessLevel,
        open_tier: profile.openTier,
        tier_code: profile.tierCode,
        height_inches: profile.heightInches,
        weight_pounds: profile.weightPounds,
        goals: profile.goals,
      }
      : null,
  };
}

function profileColumns(p: Partial<NewUser["profile"]>): Partial<typeof profiles.$inferInsert> {
  const out: Partial<typeof profiles.$inferInsert> = {
    displayName: p.display_name,
    dateOfBirth: p.date_of_birth,
    state: p.state,
    biologicalSex: p.biological_sex,
    ageBracket: p.age_bracket,
    fitnessLevel: p.fitness_level,
    openTier: p.open_tier,
    tierCode: p.tier_code,
    heightInches: p.height_inches,
    weightPounds: p.weight_pounds,
    goals: p.goals,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

const SORT_COLUMNS = {
  created_at: users.createdAt,
  updated_at: users.updatedAt,
  email: users.email,
  point_balance: users.pointBalance,
};

export class DrizzleUserRepo implements UserRepo {
  constructor(private readonly orm: Orm) {}

  async insert(input: NewUser): Promise<User> {
    const [row] = await this.orm.insert(users).values({
      email: input.email,
      passwordHash: input.password_hash,
      role: input.role,
      status: input.status,
      emailVerified: input.email_verified,
      emailVerifiedAt: input.email_verified ? new Date() : null,
    }).returning();
    const [profile] = await this.orm.insert(profiles).values(
      {
        userId: row.id,
        ...profileColumns(input.profile),
      } as typeof profiles.$inferInsert,
    ).returning();
    return toUser(row, profile);
  }

  async findById(id: string, options: { includeDeleted?: boolean } = {}): Promise<User | null> {
    const [hit] = await this.orm.select().from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(
        options.includeDeleted ? eq(users.id, id) : and(eq(users.id, id), isNull(users.deletedAt)),
      );
    return hit ? toUser(hit.users, hit.profiles) : null;
  }

  async findDetail(id: string): Promise<UserDetail | null> {
    const user = await this.findById(id);
    if (!user) return null;
    const connections = await this.orm.select().from(trackerConnections)
      .where(and(eq(trackerConnections.userId, id), isNull(trackerConnections.deletedAt)));
    return {
      ...user,
      connections: connections.map((c) => ({
        id: c.id,
        provider: c.provider,
        status: c.status,
        is_primary: c.isPrimary,
        last_sync_at: iso(c.lastSyncAt),
      })),
    };
  }

  async findByEmail(email: string): Promise<UserCredentials | null> {
    const [hit] = await this.orm.select().from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(and(eq(users.email, email.toLowerCase()), isNull(users.deletedAt)));
    return hit
      ? { user: toUser(hit.users, hit.profiles), password_hash: hit.users.passwordHash }
      : null;
  }

  list(query: ListQuery<UserSort, UserFilter>): Promise<Page<User>> {
    const f = query.filters;
    const where = and(
      isNull(users.deletedAt),
      f.role ? eq(users.role, f.role as User["role"]) : undefined,
      f.status ? eq(users.status, f.status as User["status"]) : undefined,
      f.email ? ilike(users.email, `%${f.email.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
      f.tier_code
        ? sql`${users.id} IN (SELECT ${profiles.userId} FROM ${profiles} WHERE ${profiles.tierCode} = ${f.tier_code})`
        : undefined,
    );
    const order = orderBy(query, SORT_COLUMNS, users.id);
    return pageFrom({
      orm: this.orm,
      table: users,
      where,
      order,
      query,
      rows: (limit, offset) =>
        this.orm.select().from(users).leftJoin(profiles, eq(profiles.userId, users.id))
          .where(where).orderBy(...order).limit(limit).offset(offset),
      map: (hit) => toUser(hit.users, hit.profiles),
    });
  }

  async update(id: string, patch: UserPatch, expectedVersion?: number): Promise<User | null> {
    const userSet = Object.fromEntries(
      Object.entries({ email: patch.email, role: patch.role, status: patch.status })
        .filter(([, v]) => v !== undefined),
    );
    const [row] = await this.orm.update(users).set({
      ...userSet,
      updatedAt: sql`now()`,
      version: sql`${users.version} + 1`,
    }).where(and(
      eq(users.id, id),
      isNull(users.deletedAt),
      expectedVersion === undefined ? undefined : eq(users.version, expectedVersion),
    )).returning({ id: users.id });
    if (!row) return null;
    if (patch.profile && Object.keys(patch.profile).length > 0) {
      await this.orm.update(profiles).set({
        ...profileColumns(patch.profile),
        updatedAt: sql`now()`,
        version: sql`${profiles.version} + 1`,
      }).where(eq(profiles.userId, id));
    }
    return await this.findById(id);
  }

  async softDelete(id: string, at: Date): Promise<boolean> {
    const rows = await this.orm.update(users).set({ deletedAt: at, updatedAt: at })
      .where(and(eq(users.id, id), isNull(users.deletedAt))).returning({ id: users.id });
    return rows.length > 0;
  }
}

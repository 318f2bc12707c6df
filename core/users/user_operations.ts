/**
 * Admin-side user management (Checkpoint 1 CRUD): create, read, list, update,
 * soft delete. Tier and age bracket are always derived here, never taken from
 * the caller.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import { assertPasswordAllowed } from "../auth/password_policy.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { syncLeaderboardUser } from "../leaderboards/sync_leaderboard_user.ts";
import { platformDate } from "../time/platform_day.ts";
import { ageBracket, ageOn, tierCode } from "../tiers/tier_code.ts";
import type { NewProfile, UserPatch } from "./repo.ts";
import type {
  CreateUserInput,
  UpdateUserInput,
  User,
  UserDetail,
  UserFilter,
  UserSort,
} from "./schemas.ts";

type ProfileFacts = Pick<
  NewProfile,
  "date_of_birth" | "biological_sex" | "fitness_level" | "open_tier"
>;

/** Age bracket and tier for a profile as of today in the platform zone; 18+ only. */
export function deriveTier(
  deps: Pick<CoreDeps, "clock" | "timeZone">,
  facts: ProfileFacts,
): Pick<NewProfile, "age_bracket" | "tier_code"> {
  const age = ageOn(facts.date_of_birth, platformDate(deps.clock.now(), deps.timeZone));
  const bracket = ageBracket(age);
  if (!bracket) {
    throw new DomainError("validation", "Users must be at least 18 years old.", {
      errors: [{ field: "date_of_birth", message: "must be at least 18 years ago" }],
    });
  }
  return {
    age_bracket: bracket,
    tier_code: tierCode({
      biologicalSex: facts.biological_sex,
      ageBracket: bracket,
      fitnessLevel: facts.fitness_level,
      openTier: facts.open_tier,
    }),
  };
}

async function assertEmailFree(deps: CoreDeps, email: string): Promise<void> {
  if (await deps.store.users.findByEmail(email)) {
    throw new DomainError("conflict", "A user with this email already exists.", {
      errors: [{ field: "email", message: "is already registered" }],
    });
  }
}

/** Creates a user with its profile (admin action). */
export async function createUser(
  deps: CoreDeps,
  input: CreateUserInput,
  actorId: string | null = null,
): Promise<User> {
  const tier = deriveTier(deps, input);
  await assertEmailFree(deps, input.email);
  if (input.password) assertPasswordAllowed(input.password, input.email);
  const passwordHash = input.password ? await deps.passwords.hash(input.password) : null;
  return await deps.store.transaction(async (tx) => {
    const user = await tx.users.insert({
      email: input.email,
      password_hash: passwordHash,
      role: input.role,
      status: input.status,
      email_verified: input.status === "active",
      profile: {
        display_name: input.display_name,
        date_of_birth: input.date_of_birth,
        state: input.state,
        biological_sex: input.biological_sex,
        fitness_level: input.fitness_level,
        open_tier: input.open_tier,
        height_inches: input.height_inches ?? null,
        weight_pounds: input.weight_pounds ?? null,
        goals: input.goals ?? [],
        ...tier,
      },
    });
    await tx.audit.record({
      actor_id: actorId,
      action: "user.create",
      entity_type: "user",
      entity_id: user.id,
    });
    return user;
  });
}

export async function getUser(deps: CoreDeps, id: string): Promise<UserDetail> {
  const user = await deps.store.users.findDetail(id);
  if (!user) throw notFound("User", id);
  return user;
}

export async function listUsers(
  deps: CoreDeps,
  query: ListQuery<UserSort, UserFilter>,
): Promise<Page<User>> {
  return await deps.store.users.list(query);
}

/** Updates account and profile fields; recomputes the tier when a tier fact changes. */
export async function updateUser(
  deps: CoreDeps,
  id: string,
  input: UpdateUserInput,
  actorId: string | null = null,
): Promise<User> {
  const current = await deps.store.users.findById(id);
  if (!current) throw notFound("User", id);
  if (input.email && input.email !== current.email) await assertEmailFree(deps, input.email);
  const { version, email, role, status, ...profileInput } = input;
  const patch: UserPatch = { email, role, status };
  const profileChanges = Object.fromEntries(
    Object.entries(profileInput).filter(([, v]) => v !== undefined),
  ) as Partial<NewProfile>;
  if (current.profile && Object.keys(profileChanges).length > 0) {
    const merged = { ...current.profile, ...profileChanges };
    patch.profile = { ...profileChanges, ...deriveTier(deps, merged) };
  }
  return await deps.store.transaction(async (tx) => {
    const updated = await tx.users.update(id, patch, version);
    if (!updated) {
      throw new DomainError(
        "version_conflict",
        `User ${id} was changed by someone else (you sent version ${version}); reload and retry.`,
      );
    }
    if (patch.profile || status !== undefined) {
      // A new tier takes the current period totals along; suspension hides the user.
      await syncLeaderboardUser(tx, { userId: id, now: deps.clock.now(), timeZone: deps.timeZone });
    }
    await tx.audit.record({
      actor_id: actorId,
      action: "user.update",
      entity_type: "user",
      entity_id: id,
      details: { fields: Object.keys(input).filter((k) => k !== "version") },
    });
    return updated;
  });
}

/** Soft delete: the row stays (with deleted_at) so history keeps its references. */
export async function deleteUser(
  deps: CoreDeps,
  id: string,
  actorId: string | null = null,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    if (!await tx.users.softDelete(id, deps.clock.now())) throw notFound("User", id);
    await syncLeaderboardUser(tx, { userId: id, now: deps.clock.now(), timeZone: deps.timeZone });
    await tx.audit.record({
      actor_id: actorId,
      action: "user.delete",
      entity_type: "user",
      entity_id: id,
    });
  });
}

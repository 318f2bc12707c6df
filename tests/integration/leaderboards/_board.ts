/**
 * Helpers for the leaderboard tests: users in a chosen tier, earnings through
 * the real ledger path, and typed board reads over HTTP.
 *
 * @module
 */
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import type { Leaderboard, PublicProfile } from "../../../core/leaderboards/schemas.ts";
import type { CreateUserInput, User } from "../../../core/users/schemas.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { userInput } from "../../_support/factories.ts";
import { expectJson } from "../../_support/http.ts";
import type { TestContext } from "../../_support/services.ts";

/** F-30-39-ADV (a tier the auth helper's default users are not in). */
export const TIER_ADV = {
  biological_sex: "female" as const,
  fitness_level: "advanced" as const,
  date_of_birth: "1985-05-05",
};

export async function userIn(
  t: TestContext,
  overrides: Partial<CreateUserInput> = {},
): Promise<User> {
  return await createUser(t.services.core, userInput({ ...TIER_ADV, ...overrides }));
}

/** Posts an earn entry (the same path ingestion uses: points.append in a transaction). */
export async function earn(t: TestContext, userId: string, amount: number): Promise<void> {
  await postLedgerEntry(t.services.core, {
    user_id: userId,
    transaction_type: "earn",
    amount,
    description: "test earning",
  });
}

export async function spend(t: TestContext, userId: string, amount: number): Promise<void> {
  await postLedgerEntry(t.services.core, {
    user_id: userId,
    transaction_type: "spend",
    amount: -amount,
    description: "test spend",
  });
}

export async function board(
  t: TestContext,
  headers: Record<string, string>,
  path: string,
): Promise<Leaderboard> {
  return await expectJson<Leaderboard>(
    await t.request(`/api/v1/leaderboards/${path}`, { headers }),
    200,
  );
}

export async function publicProfile(
  t: TestContext,
  headers: Record<string, string>,
  id: string,
): Promise<PublicProfile & Record<string, unknown>> {
  return await expectJson(await t.request(`/api/v1/users/${id}/public`, { headers }), 200);
}

/** [rank, display name, points] of each row. */
export function rows(rankings: Leaderboard["rankings"]): [number, string, number][] {
  return rankings.map((r) => [r.rank, r.display_name, r.points]);
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

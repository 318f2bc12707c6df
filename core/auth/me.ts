/**
 * The signed-in user's own account: read it, edit the profile.
 *
 * @module
 */
import type { CoreDeps } from "../ports.ts";
import type { User, UserDetail } from "../users/schemas.ts";
import { getUser, updateUser } from "../users/user_operations.ts";
import type { UpdateMeInput } from "./schemas.ts";

/** The caller's user with profile and tracker connections. */
export async function getMe(deps: CoreDeps, userId: string): Promise<UserDetail> {
  return await getUser(deps, userId);
}

/** Updates the caller's profile fields (never role, status or email). */
export async function updateMe(
  deps: CoreDeps,
  userId: string,
  input: UpdateMeInput,
): Promise<User> {
  return await updateUser(deps, userId, input, userId);
}

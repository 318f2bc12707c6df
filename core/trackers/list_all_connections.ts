import { notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ConnectionStatus, ConnectionWithOwner, SyncStatus } from "./schemas.ts";

/**
 * The id of the user with `email`, for operator commands that name users by
 * email; a 404 when there is none.
 */
export async function userIdByEmail(deps: CoreDeps, email: string): Promise<string> {
  const user = await deps.store.users.findByEmail(email.trim().toLowerCase());
  if (!user) throw notFound("User", email);
  return user.user.id;
}

/**
 * Every live connection with its owner, for operators; `status` matches the
 * connection status or the sync status.
 *
 * @example
 * ```ts
 * const broken = await listAllConnections(deps, { status: "error" });
 * ```
 */
export async function listAllConnections(
  deps: CoreDeps,
  filter: { status?: ConnectionStatus | SyncStatus; email?: string } = {},
): Promise<ConnectionWithOwner[]> {
  const userId = filter.email ? await userIdByEmail(deps, filter.email) : undefined;
  return await deps.store.trackers.listAll({ status: filter.status, userId });
}

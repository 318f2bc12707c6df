/**
 * Role rules shared by every door (API, CLI): who may act on which user.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { Role } from "../users/schemas.ts";

/** The caller, as authentication established it. */
export interface Principal {
  id: string;
  role: Role;
}

/** The message every 403 for a missing role carries. */
export const INSUFFICIENT = "Insufficient permissions";

export function forbidden(): DomainError {
  return new DomainError("forbidden", INSUFFICIENT);
}

/**
 * Whether `actor` holds one of `roles`.
 *
 * @example hasRole({ id: "u1", role: "admin" }, ["admin"]) === true
 */
export function hasRole(actor: Principal, roles: readonly Role[]): boolean {
  return roles.includes(actor.role);
}

/** Throws 403 unless `actor` is the user `userId` or an admin. */
export function assertSelfOrAdmin(actor: Principal, userId: string): void {
  if (actor.role !== "admin" && actor.id !== userId) throw forbidden();
}

/**
 * Throws 403 when a non-admin tries to change account fields only admins may
 * set (role, status, email) — on their own account too.
 */
export function assertMayEditUser(
  actor: Principal,
  userId: string,
  input: { role?: unknown; status?: unknown; email?: unknown },
): void {
  assertSelfOrAdmin(actor, userId);
  if (actor.role === "admin") return;
  if (input.role !== undefined || input.status !== undefined || input.email !== undefined) {
    throw forbidden();
  }
}

/** The user ids `actor` may read data of: null means everyone (admins). */
export function visibleUserId(actor: Principal): string | null {
  return actor.role === "admin" ? null : actor.id;
}

/**
 * Narrows a list's `user_id` filter to what `actor` may read: admins keep any
 * filter; others see only their own rows, and asking for someone else's is 403.
 */
export function scopeToViewer<F extends { user_id?: string }>(actor: Principal, filters: F): F {
  const own = visibleUserId(actor);
  if (own === null) return filters;
  if (filters.user_id !== undefined && filters.user_id !== own) throw forbidden();
  return { ...filters, user_id: own };
}

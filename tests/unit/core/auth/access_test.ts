import assert from "node:assert/strict";
import {
  assertMayEditUser,
  assertSelfOrAdmin,
  hasRole,
  visibleUserId,
} from "../../../../core/auth/access.ts";
import { DomainError } from "../../../../core/errors.ts";

const user = { id: "u1", role: "user" as const };
const admin = { id: "a1", role: "admin" as const };
const isForbidden = (error: unknown) =>
  error instanceof DomainError && error.code === "forbidden" &&
  error.message === "Insufficient permissions";

Deno.test("hasRole() matches any of the listed roles", () => {
  assert.equal(hasRole(user, ["admin"]), false);
  assert.equal(hasRole(user, ["user", "premium"]), true);
  assert.equal(hasRole(admin, ["admin"]), true);
});

Deno.test("assertSelfOrAdmin() lets users reach only themselves, admins everyone", () => {
  assertSelfOrAdmin(user, "u1");
  assertSelfOrAdmin(admin, "u1");
  assert.throws(() => assertSelfOrAdmin(user, "u2"), isForbidden);
});

Deno.test("assertMayEditUser() keeps role, status and email for admins", () => {
  assertMayEditUser(user, "u1", {});
  assert.throws(() => assertMayEditUser(user, "u1", { role: "admin" }), isForbidden);
  assert.throws(() => assertMayEditUser(user, "u1", { status: "active" }), isForbidden);
  assert.throws(() => assertMayEditUser(user, "u1", { email: "x@y.z" }), isForbidden);
  assertMayEditUser(admin, "u1", { role: "premium" });
});

Deno.test("visibleUserId() scopes users to themselves and admins to all", () => {
  assert.equal(visibleUserId(user), "u1");
  assert.equal(visibleUserId(admin), null);
});

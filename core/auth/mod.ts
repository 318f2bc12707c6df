/**
 * Accounts and sessions: the operations the API, the CLI and the jobs call.
 *
 * @module
 */
export { assertMayEditUser, assertSelfOrAdmin, hasRole, visibleUserId } from "./access.ts";
export type { Principal } from "./access.ts";
export { lockStatus, promoteUser, unlockUser } from "./accounts.ts";
export type { UserRef } from "./accounts.ts";
export { changePassword } from "./change_password.ts";
export { assertEligible, minimumAge } from "./eligibility.ts";
export { LOCKOUT, login } from "./login.ts";
export { logout } from "./logout.ts";
export { getMe, updateMe } from "./me.ts";
export { forgotPassword, resetPassword } from "./password_reset.ts";
export { assertPasswordAllowed, PASSWORD_RULE, passwordProblems } from "./password_policy.ts";
export { refreshSession, REUSE_LEEWAY_SECONDS } from "./refresh_session.ts";
export { register } from "./register.ts";
export { resendVerification, verifyEmail } from "./verify_email.ts";

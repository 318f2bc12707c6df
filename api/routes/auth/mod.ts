/**
 * Auth routes, with their abuse limits: failed logins per client address
 * (credential stuffing), a global login ceiling below what Argon2 can hash
 * (so a flood cannot starve other routes), and per-address caps on the
 * mail-sending routes.
 *
 * @module
 */
import { BEARER_SCHEME } from "../../middleware/auth.ts";
import { rateLimit } from "../../middleware/rate_limit.ts";
import { createRouter } from "../../router.ts";
import * as handlers from "./handlers.ts";
import * as routes from "./routes.ts";

/** The limits, in one place for docs/security.md. */
export const AUTH_LIMITS = {
  loginFailuresPerAddress: { limit: 20, windowSeconds: 15 * 60 },
  loginRequestsPerAddress: { limit: 60, windowSeconds: 60 },
  loginRequestsGlobalPerSecond: 60,
  mailRequestsPerAddress: { limit: 10, windowSeconds: 15 * 60 },
  otherRequestsPerAddress: { limit: 60, windowSeconds: 60 },
} as const;

const router = createRouter();
router.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", BEARER_SCHEME);

const L = AUTH_LIMITS;
router.use(
  "/api/v1/auth/login",
  rateLimit({
    name: "login-global",
    limit: L.loginRequestsGlobalPerSecond,
    windowSeconds: 1,
    key: () => "",
  }),
  rateLimit({ name: "login-addr", ...L.loginRequestsPerAddress }),
  rateLimit({ name: "login-fail-addr", ...L.loginFailuresPerAddress, countStatuses: [401] }),
);
for (const path of ["/api/v1/auth/forgot-password", "/api/v1/auth/resend-verification"]) {
  router.use(path, rateLimit({ name: "mail-addr", ...L.mailRequestsPerAddress }));
}
for (
  const path of [
    "/api/v1/auth/register",
    "/api/v1/auth/verify-email",
    "/api/v1/auth/reset-password",
    "/api/v1/auth/refresh",
  ]
) {
  router.use(path, rateLimit({ name: "auth-addr", ...L.otherRequestsPerAddress }));
}

export const authRouter = router
  .openapi(routes.register, handlers.register)
  .openapi(routes.verifyEmail, handlers.verifyEmail)
  .openapi(routes.resendVerification, handlers.resendVerification)
  .openapi(routes.login, handlers.login)
  .openapi(routes.refresh, handlers.refresh)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.forgotPassword, handlers.forgotPassword)
  .openapi(routes.resetPassword, handlers.resetPassword)
  .openapi(routes.jwks, handlers.jwks);

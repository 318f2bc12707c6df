import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { login as loginOp } from "../../../core/auth/login.ts";
import { logout as logoutOp } from "../../../core/auth/logout.ts";
import {
  forgotPassword as forgotOp,
  resetPassword as resetOp,
} from "../../../core/auth/password_reset.ts";
import { refreshSession } from "../../../core/auth/refresh_session.ts";
import { register as registerOp } from "../../../core/auth/register.ts";
import type { TokenResponse } from "../../../core/auth/schemas.ts";
import {
  resendVerification as resendOp,
  verifyEmail as verifyOp,
} from "../../../core/auth/verify_email.ts";
import { actorOf } from "../../middleware/auth.ts";
import type { AppEnv, AppRouteHandler } from "../../types.ts";
import type * as routes from "./routes.ts";

/** The refresh cookie: HTTP-only, Secure, SameSite=Strict, sent only to the auth routes. */
export const REFRESH_COOKIE = "fittrack_refresh";
const COOKIE_PATH = "/api/v1/auth";

function withRefreshCookie(c: Context<AppEnv>, tokens: TokenResponse): void {
  setCookie(c, REFRESH_COOKIE, tokens.refresh_token, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: COOKIE_PATH,
    maxAge: tokens.refresh_expires_in,
  });
}

/** JSON body when one was sent; an empty body is fine for refresh and logout. */
async function optionalBody(c: Context<AppEnv>): Promise<{ refresh_token?: string }> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  // Valid JSON here: the route's validator already parsed it when the type was JSON.
  return JSON.parse(text) as { refresh_token?: string };
}

const ACCEPTED = "If the address belongs to an account, a mail is on its way.";

export const register: AppRouteHandler<typeof routes.register> = async (c) => {
  const user = await registerOp(c.get("services").core, c.req.valid("json"));
  return c.json(
    { message: "Verification email sent; check your inbox to activate the account.", user },
    201,
    { location: `/api/v1/users/${user.id}` },
  );
};

export const verifyEmail: AppRouteHandler<typeof routes.verifyEmail> = async (c) => {
  const user = await verifyOp(c.get("services").core, c.req.valid("json").token);
  return c.json({ message: "Email verified", user, redirect_to: "/test/#profile" }, 200);
};

export const resendVerification: AppRouteHandler<typeof routes.resendVerification> = async (c) => {
  await resendOp(c.get("services").core, c.req.valid("json").email);
  return c.json({ message: ACCEPTED }, 202);
};

export const login: AppRouteHandler<typeof routes.login> = async (c) => {
  const tokens = await loginOp(c.get("services").core, c.req.valid("json"));
  withRefreshCookie(c, tokens);
  return c.json(tokens, 200);
};

export const refresh: AppRouteHandler<typeof routes.refresh> = async (c) => {
  const body = await optionalBody(c);
  const presented = body.refresh_token ?? getCookie(c, REFRESH_COOKIE);
  const tokens = await refreshSession(c.get("services").core, presented);
  withRefreshCookie(c, tokens);
  return c.json(tokens, 200);
};

export const logout: AppRouteHandler<typeof routes.logout> = async (c) => {
  const actor = actorOf(c);
  const body = await optionalBody(c);
  await logoutOp(c.get("services").core, {
    userId: actor.id,
    sessionId: actor.sessionId,
    refreshToken: body.refresh_token ?? getCookie(c, REFRESH_COOKIE),
  });
  deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: true });
  return c.body(null, 204);
};

export const forgotPassword: AppRouteHandler<typeof routes.forgotPassword> = async (c) => {
  await forgotOp(c.get("services").core, c.req.valid("json").email);
  return c.json({ message: ACCEPTED }, 202);
};

export const resetPassword: AppRouteHandler<typeof routes.resetPassword> = async (c) => {
  await resetOp(c.get("services").core, c.req.valid("json"));
  return c.json({ message: "Password changed; sign in with the new password." }, 200);
};

export const jwks: AppRouteHandler<typeof routes.jwks> = (c) => {
  c.header("cache-control", "public, max-age=300");
  return c.json(c.get("services").jwt.jwks(), 200);
};

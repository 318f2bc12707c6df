import type { TrackerProvider } from "../ingest/schemas.ts";
import { type TrackerDeps, viaGateway } from "./_deps.ts";
import type { InitiateResult } from "./schemas.ts";

/** Lifetime of an OAuth state: Terra's widget session lasts 15 minutes. */
export const STATE_TTL_SECONDS = 900;

/** The callback URL Terra redirects the browser to, carrying our `state`. */
export function callbackUrl(
  appUrl: string,
  provider: TrackerProvider,
  state: string,
  outcome: "success" | "failure",
): string {
  const url = new URL(`${appUrl}/api/v1/connections/${provider}/callback`);
  url.searchParams.set("state", state);
  url.searchParams.set("outcome", outcome);
  return url.toString();
}

/**
 * Starts connecting `provider` for `userId`. Web providers get a widget URL
 * whose redirects carry a fresh single-use `state` bound to this user and
 * provider (stored hashed; the callback checks it: CSRF). SDK-only providers
 * get a mobile SDK token; their `auth` webhook creates the connection.
 *
 * @example
 * ```ts
 * const start = await initiateConnection(deps, { userId, provider: "fitbit" });
 * if (start.flow === "widget") open(start.auth_url);
 * ```
 */
export async function initiateConnection(
  deps: TrackerDeps,
  input: { userId: string; provider: TrackerProvider },
): Promise<InitiateResult> {
  const { token, hash } = await deps.secrets.issue();
  const now = deps.clock.now();
  const start = await viaGateway(() =>
    deps.trackers.beginConnection({
      provider: input.provider,
      userId: input.userId,
      successUrl: callbackUrl(deps.auth.appUrl, input.provider, token, "success"),
      failureUrl: callbackUrl(deps.auth.appUrl, input.provider, token, "failure"),
    })
  );
  if (start.flow === "sdk") {
    return {
      flow: "sdk",
      provider: input.provider,
      sdk_token: start.token,
      reference_id: input.userId,
      expires_in: start.expiresIn,
    };
  }
  await deps.store.trackers.saveState({
    hash,
    userId: input.userId,
    provider: input.provider,
    expiresAt: new Date(now.getTime() + STATE_TTL_SECONDS * 1000),
  });
  return {
    flow: "widget",
    provider: input.provider,
    auth_url: start.url,
    session_token: start.sessionId,
    expires_in: start.expiresIn,
  };
}

/**
 * The signed-in session, kept in sessionStorage so it survives a reload and
 * tab switches but not the browser tab. Every API call reads the token here.
 *
 * @module
 */
const KEY = "fittrack.test-page.session";
const EVENT = "fittrack:session";

/** @returns {{access_token: string, refresh_token: string, expires_at: number, user: object | null} | null} */
export function getSession() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "null");
  } catch {
    return null;
  }
}

/** Stores a login/refresh answer ({access_token, refresh_token, expires_in, user}). */
export function saveTokens(answer) {
  const previous = getSession();
  const session = {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token ?? previous?.refresh_token ?? "",
    expires_at: Date.now() + Number(answer.expires_in ?? 0) * 1000,
    user: answer.user ?? previous?.user ?? null,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  dispatchEvent(new CustomEvent(EVENT, { detail: session }));
  return session;
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
  dispatchEvent(new CustomEvent(EVENT, { detail: null }));
}

/** The `Authorization` value for the current session, or "" when signed out. */
export function bearer() {
  const session = getSession();
  return session?.access_token ? `Bearer ${session.access_token}` : "";
}

/** Calls `listener(session | null)` now and on every change. */
export function onSessionChange(listener) {
  addEventListener(EVENT, (event) => listener(event.detail));
  listener(getSession());
}

/**
 * Authentication for tests. `authHeaders(t, role)` is the shared contract:
 * headers of a fresh, active user with `role`, carrying a real RS256 access
 * token from the app's own signer (no password hashing, so it is cheap).
 * `signIn` goes through the real HTTP login instead.
 *
 * @module
 */
import type { Role, User } from "../../core/users/schemas.ts";
import { createUser } from "../../core/users/user_operations.ts";
import { userInput } from "./factories.ts";
import type { TestContext } from "./services.ts";

/** A password that passes the policy for any factory email. */
export const TEST_PASSWORD = "Correct-Horse-9-Battery";

/** A fresh active user with `role` and a valid access token for it. */
export async function authUser(
  t: TestContext,
  role: Role,
): Promise<{ user: User; headers: Record<string, string>; token: string }> {
  const user = await createUser(t.services.core, userInput({ role, status: "active" }));
  const token = await t.services.jwt.sign(
    { sub: user.id, email: user.email, role: user.role, sid: crypto.randomUUID() },
    t.services.clock.now(),
  );
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export async function authHeaders(
  t: TestContext,
  role: "admin" | "premium" | "user",
): Promise<Record<string, string>> {
  return (await authUser(t, role)).headers;
}

/** A verified user with {@link TEST_PASSWORD}, created through core (Argon2 hash). */
export async function userWithPassword(
  t: TestContext,
  options: { role?: Role; status?: "active" | "pending" } = {},
): Promise<User> {
  return await createUser(
    t.services.core,
    userInput({
      role: options.role ?? "user",
      status: options.status ?? "active",
      password: TEST_PASSWORD,
    }),
  );
}

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: User;
}

/** Logs in over HTTP; throws with the body when it does not answer 200. */
export async function signIn(
  t: TestContext,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await t.request("/api/v1/auth/login", {
    method: "POST",
    json: { email, password },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${text}`);
  return JSON.parse(text) as Session;
}

/** `Authorization` header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** `t.request` with `headers` added to every call (e.g. an admin's). */
export function requestAs(
  t: TestContext,
  headers: Record<string, string>,
): TestContext["request"] {
  return (path, init = {}) =>
    t.request(path, {
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    });
}

let registrations = 0;

/** A valid registration body (TX, age ~30, {@link TEST_PASSWORD}). */
export function registration(overrides: Record<string, unknown> = {}) {
  registrations++;
  return {
    email: `reg${registrations}.${crypto.randomUUID().slice(0, 8)}@example.com`,
    password: TEST_PASSWORD,
    date_of_birth: "1995-03-20",
    state: "TX",
    display_name: `Registrant ${registrations}`,
    biological_sex: "male",
    fitness_level: "beginner",
    ...overrides,
  };
}

export interface MailboxItem {
  to: string;
  subject: string;
  text: string;
  html: string;
  created_at: string;
}

/** The dev mailbox for `to`, newest first. */
export async function mailbox(t: TestContext, to: string): Promise<MailboxItem[]> {
  const response = await t.request(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`mailbox: ${response.status} ${text}`);
  return (JSON.parse(text) as { items: MailboxItem[] }).items;
}

/** The one-time code a verification or reset mail carries. */
export function tokenFromMail(text: string): string {
  const match = /code: ([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token in mail:\n${text}`);
  return match[1];
}

/** A clock tests move by hand. */
export function movableClock(start: string | Date = new Date()) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

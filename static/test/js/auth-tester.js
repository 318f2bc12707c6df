/**
 * Authentication tab: login, demo-role switcher, registration, email
 * verification, the token panel with an expiry countdown, refresh, logout and
 * "Test Protected Endpoint" (GET /api/v1/users/me).
 *
 * @module
 */
import { callApi, describeFailure } from "./http.js";
import { DEMO_EMAILS, DEMO_PASSWORD, US_STATES } from "./reference-data.js";
import { clearSession, getSession, onSessionChange, saveTokens } from "./session.js";
import { $, h, notify, showJson, showStatus, whileBusy } from "./ui.js";

export function initAuthTester() {
  $("#register-state").append(
    ...US_STATES.map((code) => h("option", { value: code, selected: code === "CA" }, code)),
  );

  onSubmit("#login-form", () => login($("#login-email").value.trim(), $("#login-password").value));
  for (const button of document.querySelectorAll("[data-role]")) {
    button.addEventListener(
      "click",
      () => whileBusy(button, () => login(DEMO_EMAILS[button.dataset.role], DEMO_PASSWORD)),
    );
  }
  onSubmit("#register-form", register);
  onSubmit("#verify-form", () => verify($("#verify-token").value.trim()));
  onSubmit("#forgot-form", forgotPassword);
  onSubmit("#reset-form", resetPassword);
  onClick("#auth-protected", async () => {
    show(await callApi("GET", "/api/v1/users/me"));
  });
  onClick("#auth-refresh", refresh);
  onClick("#auth-logout", logout);

  onSessionChange(renderTokens);
  setInterval(renderExpiry, 1000);
}

/** Fills the verify form (used by the Mailbox panel and by a ?token= link) and submits it. */
export function verifyWithToken(token) {
  $("#verify-token").value = token;
  $("#verify-form").requestSubmit();
}

/** Puts a password-reset token (from the Mailbox or a ?reset_token= link) into the reset form. */
export function useResetToken(token) {
  $("#reset-token").value = token;
  $("#reset-password").focus();
}

function onSubmit(selector, action) {
  const form = $(selector);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy($("button[type=submit]", form), action);
  });
}

function onClick(selector, action) {
  const button = $(selector);
  button.addEventListener("click", () => whileBusy(button, action));
}

function show(result) {
  showJson($("#auth-response"), result.body ?? "(no content)");
  showStatus($("#auth-status"), $("#auth-time"), result);
  return result;
}

async function login(email, password) {
  const result = show(
    await callApi("POST", "/api/v1/auth/login", { json: { email, password }, authorization: "" }),
  );
  if (!result.ok) return notify(`Login failed: ${describeFailure(result)}`, "error");
  saveTokens(result.body);
  notify(`Logged in as ${result.body.user?.email ?? email}`, "success");
}

async function register() {
  const form = /** @type {HTMLFormElement} */ ($("#register-form"));
  const body = Object.fromEntries(new FormData(form));
  const output = $("#register-result");
  const result = show(
    await callApi("POST", "/api/v1/auth/register", { json: body, authorization: "" }),
  );
  output.classList.toggle("error", !result.ok);
  if (!result.ok) {
    output.textContent = `Registration failed: ${describeFailure(result)}`;
    return;
  }
  output.textContent =
    `Verification email sent to ${body.email}. Check the Mailbox panel and verify, then log in.`;
  $("#mailbox-to").value = String(body.email);
  $("#login-email").value = String(body.email);
  notify("Verification email sent", "success");
}

async function verify(token) {
  const result = show(
    await callApi("POST", "/api/v1/auth/verify-email", { json: { token }, authorization: "" }),
  );
  if (result.ok) notify("Email verified: you can log in now", "success");
  else notify(`Verification failed: ${describeFailure(result)}`, "error");
}

async function forgotPassword() {
  const email = $("#forgot-email").value.trim();
  const result = show(
    await callApi("POST", "/api/v1/auth/forgot-password", { json: { email }, authorization: "" }),
  );
  if (!result.ok) return notify(`Reset request failed: ${describeFailure(result)}`, "error");
  $("#mailbox-to").value = email;
  notify("If the account exists, a reset mail is in the Mailbox", "success");
}

async function resetPassword() {
  const body = { token: $("#reset-token").value.trim(), new_password: $("#reset-password").value };
  const result = show(
    await callApi("POST", "/api/v1/auth/reset-password", { json: body, authorization: "" }),
  );
  if (result.ok) notify("Password changed: every session was signed out", "success");
  else notify(`Reset failed: ${describeFailure(result)}`, "error");
}

async function refresh() {
  const session = getSession();
  const result = show(
    await callApi("POST", "/api/v1/auth/refresh", {
      json: { refresh_token: session?.refresh_token ?? "" },
      authorization: "",
    }),
  );
  if (!result.ok) return notify(`Refresh failed: ${describeFailure(result)}`, "error");
  saveTokens(result.body);
  notify("Tokens refreshed", "success");
}

async function logout() {
  const session = getSession();
  if (session) {
    show(
      await callApi("POST", "/api/v1/auth/logout", {
        json: { refresh_token: session.refresh_token },
      }),
    );
  }
  // The local session ends even when the server call fails: this is the page's logout.
  clearSession();
  notify("Logged out", "info");
}

function renderTokens(session) {
  $("#token-access").value = session?.access_token ?? "";
  $("#token-refresh").value = session?.refresh_token ?? "";
  const user = session?.user;
  const who = user ? `${user.email} (${user.role})` : session ? "token only" : "–";
  $("#token-user").textContent = who;
  const indicator = $("[data-testid=session-indicator]");
  indicator.textContent = session ? `Signed in: ${who}` : "Not signed in";
  indicator.classList.toggle("signed-in", Boolean(session));
  for (const id of ["#auth-protected", "#auth-refresh", "#auth-logout"]) $(id).disabled = !session;
  renderExpiry();
}

function renderExpiry() {
  const session = getSession();
  const target = $("#token-expires");
  if (!session) {
    target.textContent = "–";
    return;
  }
  const left = Math.round((session.expires_at - Date.now()) / 1000);
  const at = new Date(session.expires_at).toLocaleTimeString();
  target.textContent = left > 0
    ? `in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} (at ${at})`
    : `expired at ${at}`;
  target.classList.toggle("error", left <= 0);
}

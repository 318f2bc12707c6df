/**
 * Mailbox panel: the development outbox for one recipient
 * (GET /api/v1/dev/mailbox?to=EMAIL), newest first, with a button that
 * completes email verification from the token in a verification mail.
 *
 * @module
 */
import { useResetToken, verifyWithToken } from "./auth-tester.js";
import { callApi, describeFailure } from "./http.js";
import { $, h, notify, whileBusy } from "./ui.js";

export function initMailbox() {
  const form = $("#mailbox-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy($("button[type=submit]", form), load);
  });
}

async function load() {
  const to = $("#mailbox-to").value.trim();
  const result = await callApi("GET", `/api/v1/dev/mailbox?${new URLSearchParams({ to })}`);
  const list = $("#mailbox-list");
  if (!result.ok) {
    list.replaceChildren();
    return notify(`Mailbox failed: ${describeFailure(result)}`, "error");
  }
  const items = result.body?.items ?? [];
  list.replaceChildren(
    ...(items.length
      ? items.map(mailItem)
      : [h("li", { class: "muted", dataset: { testid: "mail-empty" } }, `No mail for ${to}.`)]),
  );
}

function mailItem(mail) {
  const token = tokenIn(mail.text ?? "") ?? tokenIn(mail.html ?? "");
  const purpose =
    /reset_token=|password reset|reset your password/i.test(`${mail.subject} ${mail.text}`)
      ? "reset"
      : /verif/i.test(`${mail.subject} ${mail.text}`)
      ? "verify"
      : null;
  const links = [...new Set((mail.text ?? "").match(/https?:\/\/\S+/g) ?? [])];
  return h(
    "li",
    { class: "mail", dataset: { testid: "mail-item" } },
    h(
      "div",
      { class: "mail-head" },
      h("strong", { dataset: { testid: "mail-subject" } }, mail.subject),
      h(
        "span",
        { class: "muted" },
        ` to ${mail.to} · ${new Date(mail.created_at).toLocaleString()}`,
      ),
    ),
    h("pre", { class: "mail-text" }, mail.text ?? ""),
    links.length
      ? h(
        "p",
        { class: "links" },
        ...links.map((href) =>
          h("a", { href, target: "_blank", rel: "noopener noreferrer" }, href)
        ),
      )
      : null,
    token ? h("p", {}, "Token: ", h("code", { dataset: { testid: "mail-token" } }, token)) : null,
    token && purpose ? tokenButton(purpose, token) : null,
  );
}

function tokenButton(purpose, token) {
  const button = purpose === "verify"
    ? h(
      "button",
      { type: "button", dataset: { testid: "mail-verify" } },
      "Verify email with this token",
    )
    : h(
      "button",
      { type: "button", dataset: { testid: "mail-use-reset" } },
      "Use this reset token",
    );
  button.addEventListener(
    "click",
    () => (purpose === "verify" ? verifyWithToken : useResetToken)(token),
  );
  return button;
}

/** The one-time token in a mail: a `…token=` link parameter, else a long opaque word after "token". */
function tokenIn(text) {
  const fromLink = /[?&#](?:verify_|reset_)?token=([A-Za-z0-9_\-.~%]+)/.exec(text)?.[1];
  if (fromLink) return decodeURIComponent(fromLink);
  return /token\W{1,5}([A-Za-z0-9_-]{20,})/i.exec(text)?.[1] ?? null;
}

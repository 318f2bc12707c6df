/**
 * Small DOM helpers shared by every tab: element builder, JSON display with
 * Prism, the response status line, notifications and busy buttons.
 *
 * @module
 */
import { describeFailure } from "./http.js";

/** `document.querySelector` that fails loudly: a missing element is a page bug. */
export function $(selector, root = document) {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`Test page element not found: ${selector}`);
  return found;
}

/**
 * Builds an element: `h("td", { class: "num", dataset: { testid: "x" } }, "42")`.
 * Children are text or nodes; text is never parsed as HTML.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return element;
}

/** Shows `value` as pretty JSON in a `<code class="language-json">`, highlighted when Prism loaded. */
export function showJson(code, value) {
  code.textContent = typeof value === "string" ? value : JSON.stringify(value, null, 2) ?? "";
  const prism = globalThis.Prism;
  if (prism?.languages?.json) prism.highlightElement(code);
}

/** Fills a status badge and time label from an {@link import("./http.js").ApiResult}. */
export function showStatus(badge, timeLabel, result) {
  badge.textContent = result.status === 0 ? "network error" : `HTTP ${result.status}`;
  badge.dataset.status = String(result.status);
  badge.classList.toggle("ok", result.ok);
  badge.classList.toggle("fail", !result.ok);
  timeLabel.textContent = `${result.ms} ms`;
}

/** A toast in the live region; errors stay until dismissed, others fade after a while. */
export function notify(message, kind = "info") {
  const region = $("#notifications");
  const close = h("button", { type: "button", class: "close", "aria-label": "Dismiss" }, "×");
  const toast = h(
    "div",
    {
      class: `toast ${kind}`,
      role: kind === "error" ? "alert" : null,
      dataset: { testid: "notification", kind },
    },
    h("span", {}, message),
    close,
  );
  close.addEventListener("click", () => toast.remove());
  region.append(toast);
  if (kind !== "error") setTimeout(() => toast.remove(), 8000);
}

/** Disables `button` while `work` runs; returns what it returns. */
export async function whileBusy(button, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Formats an integer with thousands separators; other values as text. */
export function formatCount(value) {
  return typeof value === "number" ? value.toLocaleString("en-US") : String(value ?? "–");
}

/** "2d 03:04:05" until `target` (ISO time), or "closed" once it has passed. */
export function countdownText(target, now = Date.now()) {
  const left = Math.floor((Date.parse(target) - now) / 1000);
  if (!(left > 0)) return "closed";
  const pad = (n) => String(n).padStart(2, "0");
  const days = Math.floor(left / 86400);
  const clock = `${pad(Math.floor(left / 3600) % 24)}:${pad(Math.floor(left / 60) % 60)}:${
    pad(left % 60)
  }`;
  return days ? `${days}d ${clock}` : clock;
}

/** Keeps every `[data-countdown-to]` element's text counting down, once a second. */
export function startCountdowns() {
  const tick = () => {
    for (const element of document.querySelectorAll("[data-countdown-to]")) {
      element.textContent = countdownText(element.dataset.countdownTo);
    }
  };
  tick();
  setInterval(tick, 1000);
}

/** Shows a failed call as an error toast prefixed with what was being done; returns `result.ok`. */
export function reportFailure(action, result) {
  if (!result.ok) notify(`${action} failed: ${describeFailure(result)}`, "error");
  return result.ok;
}

/** A button that runs `run` on click, disabled while it runs. */
export function actionButton(text, testid, run, danger = false) {
  const button = h("button", {
    type: "button",
    class: danger ? "danger" : null,
    dataset: { testid },
  }, text);
  button.addEventListener("click", () => whileBusy(button, run));
  return button;
}

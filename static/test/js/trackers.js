/**
 * Tracker Connection Simulator tab: connect a provider (initiate, then the
 * simulated Terra widget whose redirect lands on our callback), status and
 * last sync, manual sync, make primary, and disconnect after a confirmation
 * dialog (/api/v1/connections/**). The activity log below is activity-log.js.
 *
 * @module
 */
import { loadActivityLog } from "./activity-log.js";
import { callApi } from "./http.js";
import { $, actionButton, h, notify, reportFailure, whileBusy } from "./ui.js";

const state = { loaded: false, start: null, disconnecting: null };

export function initTrackers() {
  const connect = $("#trk-connect");
  connect.addEventListener("click", () => whileBusy(connect, initiate));
  const refresh = $("#trk-refresh");
  refresh.addEventListener("click", () => whileBusy(refresh, refreshAll));
  const widget = /** @type {HTMLDialogElement} */ ($("#trk-widget"));
  widget.addEventListener("close", () => {
    if (widget.returnValue === "confirm") authorize(state.start);
    widget.returnValue = "";
  });
  const confirm = /** @type {HTMLDialogElement} */ ($("#trk-disconnect-dialog"));
  confirm.addEventListener("close", () => {
    if (confirm.returnValue === "confirm") disconnect(state.disconnecting);
    confirm.returnValue = "";
  });
}

/** Loads the tab the first time it is shown. */
export function showTrackers() {
  if (!state.loaded) refreshAll();
}

async function refreshAll() {
  state.loaded = true;
  await Promise.all([loadConnections(), loadActivityLog()]);
}

async function loadConnections() {
  const result = await callApi("GET", "/api/v1/connections");
  if (!reportFailure("Loading connections", result)) return;
  const connections = result.body.items;
  $("#trk-rows").replaceChildren(
    ...(connections.length ? connections.map(connectionRow) : [
      h(
        "tr",
        {},
        h(
          "td",
          { colspan: 5, class: "muted", dataset: { testid: "trk-none" } },
          "No trackers connected.",
        ),
      ),
    ]),
  );
}

function connectionRow(c) {
  const actions = [
    actionButton("Trigger Sync", "trk-sync", () => sync(c)),
    c.is_primary ? null : actionButton("Make primary", "trk-primary", () => makePrimary(c)),
    actionButton("Disconnect", "trk-disconnect", () => askDisconnect(c), true),
  ];
  const lastSync = c.last_sync_at ? new Date(c.last_sync_at).toLocaleString() : "never";
  return h(
    "tr",
    { dataset: { testid: "trk-connection", provider: c.provider, status: c.status } },
    h("td", {}, c.label ?? c.provider),
    h(
      "td",
      {},
      h("span", { class: `badge status-${c.status}`, dataset: { testid: "trk-status" } }, c.status),
      ` sync: ${c.sync_status}${c.sync_requested ? " (queued)" : ""}`,
      c.error_message || c.last_sync_error
        ? h("span", { class: "error" }, ` ${c.error_message ?? c.last_sync_error}`)
        : null,
    ),
    h("td", { dataset: { testid: "trk-is-primary" } }, c.is_primary ? "★ primary" : "–"),
    h("td", { dataset: { testid: "trk-last-sync" } }, lastSync),
    h("td", {}, h("div", { class: "row" }, ...actions.filter(Boolean))),
  );
}

async function initiate() {
  const provider = $("#trk-provider").value;
  const result = await callApi("POST", `/api/v1/connections/${provider}/initiate`);
  if (!reportFailure("Connecting", result)) return;
  state.start = result.body;
  $("#trk-widget-text").textContent = result.body.flow === "sdk"
    ? `${provider} connects through Terra's mobile SDK. SDK token ${result.body.sdk_token} (reference ${result.body.reference_id}) expires in ${result.body.expires_in} s; the app finishes when Terra's auth webhook arrives.`
    : `Terra's widget for ${provider} is ready (session ${result.body.session_token}). Authorize to open it; it returns to FitTrack's callback.`;
  /** @type {HTMLDialogElement} */ ($("#trk-widget")).showModal();
}

/**
 * Widget flow: the browser goes to Terra's widget, which redirects to our
 * callback, which redirects back to this page with `?connected=PROVIDER`
 * ({@link connectionReturned}). In simulated mode the widget URL is already
 * that redirect. SDK flows finish in the mobile app, through Terra's auth webhook.
 */
function authorize(start) {
  if (start.flow === "widget") {
    location.assign(start.auth_url);
    return;
  }
  notify(
    `${start.provider} connects in the mobile app; it appears here once Terra confirms`,
    "info",
  );
}

/** Tells the user how the connection they started ended (the callback's redirect). */
export function connectionReturned(params) {
  const connected = params.get("connected");
  const failed = params.get("connect_error");
  if (connected) notify(`${connected} connected: a first sync is queued`, "success");
  if (failed) notify(`${failed} was not connected`, "error");
  return Boolean(connected || failed);
}

async function sync(c) {
  const result = await callApi("POST", `/api/v1/connections/${c.provider}/sync`);
  if (!reportFailure("Sync", result)) return;
  notify(result.body?.message ?? "Sync queued", "success");
  await refreshAll();
}

async function makePrimary(c) {
  const result = await callApi("PUT", `/api/v1/connections/${c.provider}/set-primary`);
  if (!reportFailure("Set primary", result)) return;
  notify(`${c.label ?? c.provider} is now your primary tracker`, "success");
  await loadConnections();
}

function askDisconnect(c) {
  state.disconnecting = c;
  /** @type {HTMLDialogElement} */ ($("#trk-disconnect-dialog")).showModal();
}

async function disconnect(c) {
  const result = await callApi("DELETE", `/api/v1/connections/${c.provider}`);
  if (!reportFailure("Disconnect", result)) return;
  notify(`${c.label ?? c.provider} disconnected; its activities stay`, "success");
  await refreshAll();
}

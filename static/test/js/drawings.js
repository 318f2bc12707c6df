/**
 * Drawings & Tickets tab: drawing cards by status with countdowns, a detail
 * card with odds and the free (no purchase necessary) entry, and the buy
 * dialog with quantity, cost and balance (GET/POST /api/v1/drawings/**).
 * Results, verification and the caller's tickets and prizes live in
 * drawing-results.js and my-entries.js.
 *
 * @module
 */
import { showResults } from "./drawing-results.js";
import { callApi } from "./http.js";
import { loadMyEntries, rememberDrawings } from "./my-entries.js";
import {
  $,
  actionButton,
  countdownText,
  formatCount,
  h,
  notify,
  reportFailure,
  whileBusy,
} from "./ui.js";

const state = { filter: "open", balance: null, buying: null, detailId: null, loaded: false };

export function initDrawings() {
  for (const button of document.querySelectorAll("[data-dr-filter]")) {
    button.addEventListener("click", () => {
      state.filter = button.dataset.drFilter;
      for (const other of document.querySelectorAll("[data-dr-filter]")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      loadDrawings();
    });
  }
  const refresh = $("#dr-refresh");
  refresh.addEventListener("click", () => whileBusy(refresh, refreshAll));
  $("#dr-buy-quantity").addEventListener("input", renderCost);
  const dialog = /** @type {HTMLDialogElement} */ ($("#dr-buy-dialog"));
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "confirm") buy(state.buying, Number($("#dr-buy-quantity").value));
    dialog.returnValue = "";
  });
  const free = $("#dr-free-entry");
  free.addEventListener("click", () => whileBusy(free, () => freeEntry(state.detailId)));
}

/** Loads the tab the first time it is shown. */
export function showDrawings() {
  if (!state.loaded) refreshAll();
}

async function refreshAll() {
  state.loaded = true;
  await Promise.all([loadDrawings(), loadBalance(), loadMyEntries()]);
}

async function loadBalance() {
  const result = await callApi("GET", "/api/v1/points/balance");
  state.balance = result.ok ? result.body.point_balance : null;
  $("#dr-balance").textContent = state.balance === null
    ? ""
    : `balance ${formatCount(state.balance)} points`;
}

async function loadDrawings() {
  const query = new URLSearchParams({ "filter[status]": state.filter, per_page: "50" });
  if (state.filter === "completed") query.set("sort", "-drawing_time");
  const result = await callApi("GET", `/api/v1/drawings?${query}`);
  if (!reportFailure("Loading drawings", result)) return;
  rememberDrawings(result.body.items);
  $("#dr-cards").replaceChildren(
    ...(result.body.items.length
      ? result.body.items.map(drawingCard)
      : [h("p", { class: "muted", dataset: { testid: "dr-empty" } }, "No drawings here yet.")]),
  );
}

function drawingCard(drawing) {
  const open = drawing.status === "open";
  const until = open ? drawing.ticket_sales_close : drawing.drawing_time;
  const actions = [actionButton("Details & odds", "dr-details", () => showDetail(drawing.id))];
  if (open) actions.push(actionButton("Buy Tickets", "dr-buy", () => openBuy(drawing)));
  if (drawing.status === "completed") {
    actions.push(actionButton("Results", "dr-show-results", () => showResults(drawing)));
  }
  return h(
    "article",
    { class: "card drawing-card", dataset: { testid: "drawing-card", id: drawing.id } },
    h(
      "h2",
      {},
      drawing.name,
      h("span", { class: `badge status-${drawing.status}` }, drawing.status),
    ),
    h(
      "p",
      { class: "muted" },
      `${drawing.drawing_type} · ${formatCount(drawing.ticket_cost_points)} points a ticket · `,
      h("span", { dataset: { testid: "dr-card-tickets" } }, formatCount(drawing.total_tickets)),
      " tickets sold",
    ),
    h(
      "ul",
      { class: "prize-list" },
      ...drawing.prizes.map((p) =>
        h("li", {}, `#${p.rank} ${p.name} ($${p.value_usd}) ×${p.quantity} · ${p.fulfillment_type}`)
      ),
    ),
    drawing.status === "completed" ? null : h(
      "p",
      {},
      open ? "Sales close in " : "Draws in ",
      h(
        "strong",
        { dataset: { testid: "dr-countdown", countdownTo: until } },
        countdownText(until),
      ),
    ),
    h("div", { class: "row" }, ...actions),
  );
}

async function showDetail(id) {
  const result = await callApi("GET", `/api/v1/drawings/${id}`);
  if (!reportFailure("Loading the drawing", result)) return;
  const d = result.body;
  state.detailId = id;
  $("#dr-detail").hidden = false;
  $("#dr-detail-name").textContent = d.name;
  $("[data-testid=dr-odds]").textContent = d.odds.your_odds ??
    `no tickets yet (${formatCount(d.odds.total_tickets)} sold)`;
  $("[data-testid=dr-next-odds]").textContent = d.odds.next_ticket_odds;
  $("[data-testid=dr-free-count]").textContent =
    `${d.free_entry.your_free_entries} of ${d.free_entry.free_entries_per_user} used`;
  $("[data-testid=dr-free-notice]").textContent = d.free_entry.notice;
  $("#dr-free-entry").hidden = d.status !== "open" ||
    d.free_entry.your_free_entries >= d.free_entry.free_entries_per_user;
}

async function freeEntry(id) {
  const result = await callApi("POST", `/api/v1/drawings/${id}/free-entries`, {
    json: { quantity: 1 },
  });
  if (!reportFailure("Free entry", result)) return;
  const numbers = result.body.tickets.map((t) => `#${t.ticket_number}`).join(", ");
  notify(`Free entry recorded: ticket ${numbers}`, "success");
  await Promise.all([showDetail(id), loadDrawings(), loadMyEntries()]);
}

async function openBuy(drawing) {
  state.buying = drawing;
  await loadBalance();
  $("#dr-buy-drawing").textContent = `${drawing.name}: ${
    formatCount(drawing.ticket_cost_points)
  } points a ticket`;
  $("#dr-buy-quantity").value = "1";
  renderCost();
  /** @type {HTMLDialogElement} */ ($("#dr-buy-dialog")).showModal();
}

function renderCost() {
  const quantity = Number($("#dr-buy-quantity").value);
  const cost = quantity * state.buying.ticket_cost_points;
  const after = state.balance === null ? null : state.balance - cost;
  $("[data-testid=dr-buy-cost]").textContent = `${formatCount(cost)} points`;
  $("[data-testid=dr-buy-balance]").textContent = state.balance === null
    ? "–"
    : `${formatCount(state.balance)} points`;
  $("[data-testid=dr-buy-after]").textContent = after === null
    ? "–"
    : `${formatCount(after)} points`;
  const short = after !== null && after < 0;
  $("[data-testid=dr-buy-error]").textContent = short
    ? "Not enough points for this many tickets"
    : "";
  $("[data-testid=dr-buy-confirm]").disabled = short || !(quantity >= 1);
}

async function buy(drawing, quantity) {
  const result = await callApi("POST", `/api/v1/drawings/${drawing.id}/tickets`, {
    json: { quantity },
  });
  if (!reportFailure("Purchase", result)) return;
  const p = result.body;
  notify(
    `Bought ${p.quantity} ticket(s) #${p.first_ticket_number}–#${p.last_ticket_number} for ${
      formatCount(p.points_spent)
    } points; balance ${formatCount(p.point_balance)}`,
    "success",
  );
  await Promise.all([loadBalance(), loadDrawings(), loadMyEntries(), showDetail(drawing.id)]);
}

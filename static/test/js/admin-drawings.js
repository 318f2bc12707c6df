/**
 * Admin - Drawings tab: create a drawing with its prizes, move it through the
 * state machine (schedule, open, close, cancel), execute it, and work the
 * fulfillment queue: ship with carrier and tracking, mark delivered
 * (/api/v1/admin/drawings/**; the queue is admin-fulfillments.js).
 *
 * @module
 */
import { loadFulfillments } from "./admin-fulfillments.js";
import { callApi, describeFailure } from "./http.js";
import { $, actionButton, formatCount, h, notify, reportFailure, whileBusy } from "./ui.js";

/** The moves an admin may ask for from each state (core/drawings/lifecycle.ts decides). */
const MOVES = {
  draft: ["scheduled", "cancelled"],
  scheduled: ["open", "cancelled"],
  open: ["closed", "cancelled"],
  closed: [],
  completed: [],
  cancelled: [],
};
const MOVE_LABEL = {
  scheduled: "Schedule",
  open: "Open sales",
  closed: "Close sales",
  cancelled: "Cancel",
};
let loaded = false;

export function initAdminDrawings() {
  const form = /** @type {HTMLFormElement} */ ($("#ad-create-form"));
  const hour = 3_600_000;
  $("[data-testid=ad-close]").value = localInput(new Date(Date.now() + 24 * hour));
  $("[data-testid=ad-time]").value = localInput(new Date(Date.now() + 25 * hour));
  addPrize();
  $("#ad-add-prize").addEventListener("click", addPrize);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy($("[data-testid=ad-create]"), () => create(form));
  });
  const refresh = $("#ad-refresh");
  refresh.addEventListener("click", () => whileBusy(refresh, loadAll));
}

/** Loads the tab the first time it is shown. */
export function showAdminDrawings() {
  if (!loaded) loadAll();
}

function loadAll() {
  loaded = true;
  return Promise.all([loadDrawings(), loadFulfillments()]);
}

/** `date` as the value of an `<input type=datetime-local>` (local time, minutes). */
function localInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function addPrize() {
  const rows = $("#ad-prize-rows");
  const rank = rows.children.length + 1;
  rows.append(h(
    "div",
    { class: "row", dataset: { testid: "ad-prize-row" } },
    h(
      "label",
      {},
      "Rank ",
      h("input", { name: "rank", type: "number", min: 1, value: rank, required: true }),
    ),
    h(
      "label",
      { class: "grow" },
      "Prize ",
      h("input", { name: "prize_name", required: true, dataset: { testid: "ad-prize-name" } }),
    ),
    h(
      "label",
      {},
      "Value $ ",
      h("input", {
        name: "value_usd",
        type: "number",
        min: 0,
        step: "0.01",
        value: 50,
        required: true,
        dataset: { testid: "ad-prize-value" },
      }),
    ),
    h(
      "label",
      {},
      "Qty ",
      h("input", { name: "quantity", type: "number", min: 1, value: 1, required: true }),
    ),
    h(
      "label",
      {},
      "Type ",
      h(
        "select",
        { name: "fulfillment_type", dataset: { testid: "ad-prize-type" } },
        h("option", { value: "digital" }, "digital"),
        h("option", { value: "physical" }, "physical"),
      ),
    ),
  ));
}

function drawingBody(form) {
  const value = (name) => form.elements.namedItem(name).value;
  return {
    drawing_type: value("drawing_type"),
    name: value("name").trim(),
    ticket_cost_points: Number(value("ticket_cost_points")),
    ticket_sales_close: new Date(value("ticket_sales_close")).toISOString(),
    drawing_time: new Date(value("drawing_time")).toISOString(),
    prizes: [...$("#ad-prize-rows").children].map((row) => {
      const field = (name) => row.querySelector(`[name=${name}]`).value;
      return {
        rank: Number(field("rank")),
        name: field("prize_name").trim(),
        value_usd: Number(field("value_usd")),
        quantity: Number(field("quantity")),
        fulfillment_type: field("fulfillment_type"),
      };
    }),
  };
}

async function create(form) {
  const result = await callApi("POST", "/api/v1/admin/drawings", { json: drawingBody(form) });
  $("[data-testid=ad-create-error]").textContent = result.ok ? "" : describeFailure(result);
  if (!result.ok) return;
  notify(`Drawing "${result.body.name}" created as draft`, "success");
  await loadDrawings();
}

async function loadDrawings() {
  const result = await callApi("GET", "/api/v1/drawings?per_page=100&sort=-created_at");
  if (!reportFailure("Loading drawings", result)) return;
  $("#ad-drawing-rows").replaceChildren(...result.body.items.map(drawingRow));
}

function drawingRow(d) {
  const actions = MOVES[d.status].map((to) =>
    actionButton(MOVE_LABEL[to], `ad-move-${to}`, () => move(d, to), to === "cancelled")
  );
  if (d.status === "closed") {
    actions.push(actionButton("Execute Drawing", "ad-execute", () => execute(d)));
  }
  return h(
    "tr",
    { dataset: { testid: "ad-drawing", id: d.id, status: d.status } },
    h("td", {}, d.name),
    h(
      "td",
      {},
      h("span", { class: `badge status-${d.status}`, dataset: { testid: "ad-status" } }, d.status),
    ),
    h("td", { class: "num" }, formatCount(d.total_tickets)),
    h("td", {}, new Date(d.drawing_time).toLocaleString()),
    h("td", {}, h("div", { class: "row" }, ...actions)),
  );
}

async function move(drawing, to) {
  const result = await callApi("PUT", `/api/v1/admin/drawings/${drawing.id}`, {
    json: { status: to, version: drawing.version },
  });
  if (!reportFailure(`Moving to ${to}`, result)) return;
  notify(`"${drawing.name}" is now ${result.body.status}`, "success");
  await loadDrawings();
}

async function execute(drawing) {
  const result = await callApi("POST", `/api/v1/admin/drawings/${drawing.id}/execute`);
  if (!reportFailure("Execution", result)) return;
  notify(
    `Executed "${drawing.name}": ${result.body.winners} winner(s) from ${result.body.ticket_count} tickets`,
    "success",
  );
  await loadAll();
}

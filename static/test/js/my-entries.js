/**
 * The caller's side of the sweepstakes: every ticket they hold, and their
 * prizes with fulfillment status and the shipping-address form a physical
 * prize needs (GET /api/v1/tickets, GET/PUT /api/v1/fulfillments/**).
 *
 * @module
 */
import { callApi } from "./http.js";
import { US_STATES } from "./reference-data.js";
import { $, h, notify, reportFailure } from "./ui.js";

/** Fulfillment states in which the winner may still give (or correct) the address. */
const ADDRESS_OPEN = ["pending", "winner_notified", "address_confirmed"];
const names = new Map();
let addressFor = null;

export function initMyEntries() {
  $("#dr-address-state").append(...US_STATES.map((code) => h("option", { value: code }, code)));
  const form = /** @type {HTMLFormElement} */ ($("#dr-address-form"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveAddress(form);
  });
  $("#dr-address-cancel").addEventListener("click", () => form.hidden = true);
}

/** Drawing names for the ticket table, learnt from whatever lists the page loaded. */
export function rememberDrawings(drawings) {
  for (const d of drawings) names.set(d.id, d.name);
}

export async function loadMyEntries() {
  const [tickets, prizes] = await Promise.all([
    callApi("GET", "/api/v1/tickets?per_page=100"),
    callApi("GET", "/api/v1/fulfillments?per_page=100"),
  ]);
  if (reportFailure("Loading your tickets", tickets)) {
    $("#dr-ticket-rows").replaceChildren(...tickets.body.items.map(ticketRow));
  }
  if (reportFailure("Loading your prizes", prizes)) {
    $("#dr-prize-rows").replaceChildren(...prizes.body.items.map(prizeRow));
  }
}

function ticketRow(ticket) {
  return h(
    "tr",
    { dataset: { testid: "dr-ticket", drawing: ticket.drawing_id, number: ticket.ticket_number } },
    h("td", {}, names.get(ticket.drawing_id) ?? ticket.drawing_id.slice(0, 8)),
    h("td", { class: "num" }, `#${ticket.ticket_number}`),
    h("td", {}, ticket.entry_type),
    h("td", {}, ticket.is_winner ? "🏆 yes" : "–"),
    h("td", {}, new Date(ticket.created_at).toLocaleString()),
  );
}

function prizeRow(f) {
  const needsAddress = f.prize.fulfillment_type === "physical" && ADDRESS_OPEN.includes(f.status);
  const action = needsAddress
    ? h("button", { type: "button", dataset: { testid: "dr-prize-address" } }, "Enter address")
    : null;
  action?.addEventListener("click", () => openAddress(f));
  return h(
    "tr",
    { dataset: { testid: "dr-prize", id: f.id, status: f.status } },
    h("td", {}, `${f.prize.name} (ticket #${f.ticket_number})`),
    h("td", {}, f.prize.fulfillment_type),
    h("td", { dataset: { testid: "dr-prize-status" } }, f.status.replaceAll("_", " ")),
    h("td", {}, f.tracking_number ? `${f.carrier} ${f.tracking_number}` : "–"),
    h("td", {}, action),
  );
}

function openAddress(fulfillment) {
  addressFor = fulfillment.id;
  const form = /** @type {HTMLFormElement} */ ($("#dr-address-form"));
  form.reset();
  const saved = fulfillment.shipping_address ?? {};
  for (const [name, value] of Object.entries(saved)) {
    if (form.elements.namedItem(name)) form.elements.namedItem(name).value = value;
  }
  $("#dr-address-for").textContent = fulfillment.prize.name;
  form.hidden = false;
}

async function saveAddress(form) {
  const body = Object.fromEntries(
    [...new FormData(form)].filter(([, value]) => String(value).trim() !== ""),
  );
  const result = await callApi("PUT", `/api/v1/fulfillments/${addressFor}/address`, { json: body });
  if (!reportFailure("Saving the address", result)) return;
  form.hidden = true;
  notify("Address confirmed: the prize will ship to it", "success");
  await loadMyEntries();
}

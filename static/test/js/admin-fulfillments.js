/**
 * Admin - Drawings tab, fulfillment queue: every prize won, filtered by
 * status, with "Mark shipped" (carrier and tracking number) for confirmed
 * physical prizes and "Mark delivered" once shipped (/api/v1/admin/fulfillments/**).
 * A prize that needs a tax form (W-9) shows "Record W-9 received" until it
 * is recorded: shipping and delivery answer 409 before that.
 *
 * @module
 */
import { callApi } from "./http.js";
import { $, actionButton, h, notify, reportFailure } from "./ui.js";

export function initAdminFulfillments() {
  $("#ad-ff-status").addEventListener("change", loadFulfillments);
}

let latestLoad = 0;

/**
 * Reloads the fulfillment table with the status filter applied. Loads can
 * overlap (a refresh after shipping, then a filter change): only the newest
 * one may render, or a slower stale answer would overwrite the current view.
 */
export async function loadFulfillments() {
  const load = ++latestLoad;
  const status = $("#ad-ff-status").value;
  const query = new URLSearchParams({ per_page: "100" });
  if (status) query.set("filter[status]", status);
  const result = await callApi("GET", `/api/v1/admin/fulfillments?${query}`);
  if (load !== latestLoad) return;
  if (!reportFailure("Loading fulfillments", result)) return;
  $("#ad-ff-rows").replaceChildren(...result.body.items.map(fulfillmentRow));
}

function fulfillmentRow(f) {
  const a = f.shipping_address;
  const actions = [];
  const open = !["delivered", "forfeited"].includes(f.status);
  if (f.needs_tax_form && !f.tax_form_received_at && open) {
    actions.push(
      h("span", { class: "badge", dataset: { testid: "ad-tax-needed" } }, "W-9 needed"),
      actionButton("Record W-9 received", "ad-tax-form", () => update(f, "tax-form")),
    );
  }
  if (f.status === "address_confirmed" && f.prize.fulfillment_type === "physical") {
    const carrier = h("input", {
      "aria-label": "Carrier",
      value: "USPS",
      size: 6,
      dataset: { testid: "ad-ship-carrier" },
    });
    const tracking = h("input", {
      "aria-label": "Tracking number",
      placeholder: "tracking number",
      dataset: { testid: "ad-ship-tracking" },
    });
    actions.push(
      carrier,
      tracking,
      actionButton("Mark shipped", "ad-ship", () =>
        update(f, "ship", {
          carrier: carrier.value.trim(),
          tracking_number: tracking.value.trim(),
        })),
    );
  }
  if (f.status === "shipped") {
    actions.push(actionButton("Mark delivered", "ad-deliver", () => update(f, "deliver")));
  }
  return h(
    "tr",
    { dataset: { testid: "ad-fulfillment", id: f.id, status: f.status } },
    h("td", {}, `${f.prize.name} (${f.prize.fulfillment_type})`),
    h("td", {}, f.winner_display_name ?? f.user_id.slice(0, 8)),
    h("td", { class: "num" }, `#${f.ticket_number}`),
    h("td", { dataset: { testid: "ad-ff-status-cell" } }, f.status.replaceAll("_", " ")),
    h("td", {}, a ? shipTo(a) : "–"),
    h("td", {}, h("div", { class: "row" }, ...actions)),
  );
}

async function update(fulfillment, step, json) {
  const result = await callApi(
    "POST",
    `/api/v1/admin/fulfillments/${fulfillment.id}/${step}`,
    json ? { json } : {},
  );
  const label = { ship: "Shipping", deliver: "Delivery", "tax-form": "Recording the tax form" };
  if (!reportFailure(label[step], result)) return;
  const done = step === "tax-form" ? "W-9 recorded" : result.body.status.replaceAll("_", " ");
  notify(`${fulfillment.prize.name}: ${done}`, "success");
  await loadFulfillments();
}

/** One line of the shipping address; absent parts are left out rather than shown as "undefined". */
function shipTo(a) {
  const place = [a.city, a.state, a.zip].filter(Boolean).join(" ");
  return [a.name, a.line1, a.line2, place].filter(Boolean).join(", ");
}

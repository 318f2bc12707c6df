/**
 * Data Controls tab: seed and reset through the admin API, with a loading
 * indicator, a real confirmation <dialog> before the reset, and per-entity
 * statistics from the answer.
 *
 * @module
 */
import { callApi, describeFailure } from "./http.js";
import { $, formatCount, h, notify } from "./ui.js";

const FIELDS = ["users", "activities", "drawings", "seed"];

export function initSampleData() {
  $("#seed-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run("seed", "/api/v1/admin/seed", seedBody());
  });
  const dialog = /** @type {HTMLDialogElement} */ ($("#reset-dialog"));
  $("#data-reset").addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "confirm") run("reset", "/api/v1/admin/reset", seedBody());
    dialog.returnValue = "";
  });
}

function seedBody() {
  const body = {};
  for (const field of FIELDS) {
    const value = $(`#seed-${field}`).value.trim();
    if (value !== "") body[field] = Number(value);
  }
  return body;
}

async function run(action, url, body) {
  const buttons = [$("[data-testid=data-seed]"), $("#data-reset")];
  const loading = $("#data-loading");
  for (const button of buttons) button.disabled = true;
  loading.hidden = false;
  $("#data-duration").textContent = "";
  try {
    const result = await callApi("POST", url, { json: body });
    if (!result.ok) {
      notify(`${action === "seed" ? "Seed" : "Reset"} failed: ${describeFailure(result)}`, "error");
      return;
    }
    renderStatistics(result.body);
    const ms = result.body?.duration_ms ?? result.ms;
    $("#data-duration").textContent = `(${action} took ${(ms / 1000).toFixed(1)} s)`;
    notify(action === "seed" ? "Database seeded" : "Database reset and re-seeded", "success");
  } finally {
    loading.hidden = true;
    for (const button of buttons) button.disabled = false;
  }
}

/**
 * Rows per entity from the answer's `entities` (core/admin/schemas.ts); an
 * answer without it shows its own top-level numbers.
 */
function renderStatistics(answer) {
  const source = answer?.entities ?? answer ?? {};
  const rows = Object.entries(source).filter(([, count]) => typeof count === "number");
  $("#data-stats-rows").replaceChildren(
    ...rows.map(([entity, count]) =>
      h(
        "tr",
        { dataset: { testid: `stat-${entity}`, entity, count } },
        h("th", { scope: "row" }, entity),
        h("td", { class: "num" }, formatCount(count)),
      )
    ),
  );
}

/**
 * Reports tab: summary cards, rows per entity, integrity checks with
 * pass/fail, workflow figures and breakdowns (GET /api/v1/reports/summary;
 * shape in core/reports/schemas.ts).
 *
 * @module
 */
import { callApi, describeFailure } from "./http.js";
import { $, formatCount, h, notify, whileBusy } from "./ui.js";

let loaded = false;

export function initReportViewer() {
  const button = $("#reports-refresh");
  button.addEventListener("click", () => whileBusy(button, load));
}

/** Loads the report the first time the tab is shown. */
export function showReports() {
  if (!loaded) load();
}

async function load() {
  loaded = true;
  const result = await callApi("GET", "/api/v1/reports/summary");
  if (!result.ok) {
    notify(`Report failed: ${describeFailure(result)}`, "error");
    return;
  }
  const summary = result.body;
  for (const [key, value] of Object.entries(summary.totals)) {
    const card = document.querySelector(`[data-testid=reports-card-${key}]`);
    if (card) card.textContent = formatCount(value);
  }
  $("#reports-generated").textContent = `generated ${
    new Date(summary.generated_at).toLocaleString()
  } in ${result.ms} ms`;
  $("#reports-entity-rows").replaceChildren(
    ...Object.entries(summary.entities).map(([name, count]) =>
      h(
        "tr",
        { dataset: { testid: `reports-entity-${name}`, entity: name, count } },
        h("th", { scope: "row" }, name),
        h("td", { class: "num" }, formatCount(count)),
      )
    ),
  );
  renderIntegrity(summary.integrity);
  renderWorkflows(summary.workflows);
  renderBreakdowns(summary.breakdowns);
}

function renderIntegrity(integrity) {
  const overall = $("#reports-integrity-overall");
  overall.textContent = integrity.passed ? "all passed" : "problems found";
  overall.classList.toggle("ok", integrity.passed);
  overall.classList.toggle("fail", !integrity.passed);
  $("#reports-integrity").replaceChildren(
    ...integrity.checks.map((check) =>
      h(
        "li",
        {
          class: check.passed ? "pass" : "fail",
          dataset: { testid: "integrity-check", name: check.name, passed: check.passed },
        },
        h("span", { class: "verdict" }, check.passed ? "✔ pass" : "✘ fail"),
        h("span", {}, check.description),
        h(
          "span",
          { class: "muted" },
          check.passed ? "" : ` (${formatCount(check.violations)} rows)`,
        ),
      )
    ),
  );
}

// Counts share one bar scale; point totals are a different unit and show as a number only.
function renderWorkflows(workflows) {
  const entries = Object.entries(workflows);
  const isCount = (name) => !name.startsWith("points");
  const max = Math.max(1, ...entries.filter(([name]) => isCount(name)).map(([, value]) => value));
  $("#reports-workflows").replaceChildren(
    ...entries.map(([name, value]) =>
      h(
        "div",
        { class: "bar", dataset: { testid: `reports-workflow-${name}` } },
        h("span", {}, label(name)),
        isCount(name) ? h("progress", { max, value, "aria-label": label(name) }) : h("span"),
        h("span", { class: "num" }, formatCount(value)),
      )
    ),
  );
}

function renderBreakdowns(breakdowns) {
  $("#reports-breakdowns").replaceChildren(
    ...Object.entries(breakdowns).map(([name, counts]) =>
      h(
        "details",
        { dataset: { testid: `reports-breakdown-${name}` } },
        h("summary", {}, label(name)),
        h(
          "table",
          {},
          h(
            "tbody",
            {},
            ...Object.entries(counts).map(([key, count]) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, key),
                h("td", { class: "num" }, formatCount(count)),
              )
            ),
          ),
        ),
      )
    ),
  );
}

function label(name) {
  const text = name.replaceAll("_", " ");
  return text[0].toUpperCase() + text.slice(1);
}

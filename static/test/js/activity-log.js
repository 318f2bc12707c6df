/**
 * Tracker tab, lower half: today / this week / this month, the activity log
 * with points per activity and the tier note, an activity's metrics JSON on
 * click, and the points history with what each entry was for
 * (/api/v1/activities, /summary, /api/v1/points/*, /api/v1/users/me).
 *
 * @module
 */
import { callApi } from "./http.js";
import { $, formatCount, h, reportFailure, showJson } from "./ui.js";

/** core/points/rules/multipliers.ts: BEG 1.2, INT 1.0, ADV 0.9, OPEN 1.0. */
const MULTIPLIERS = { BEG: 1.2, INT: 1.0, ADV: 0.9, OPEN: 1.0 };
const PER_PAGE = 20;
const PERIOD_LABELS = { today: "Today", thisWeek: "This week", thisMonth: "This month" };

/** Reloads the summary, activities, points history and tier note. */
export async function loadActivityLog() {
  await Promise.all([loadTier(), loadSummary(), loadActivities(), loadPoints()]);
}

async function loadTier() {
  const me = await callApi("GET", "/api/v1/users/me");
  const tier = me.ok ? me.body.profile?.tier_code : null;
  const suffix = tier === "OPEN" ? "OPEN" : tier?.split("-").at(-1);
  $("#trk-tier").textContent = tier
    ? `Tier ${tier}: activity points × ${MULTIPLIERS[suffix] ?? 1} (capped at 1,000 a day)`
    : "";
}

async function loadSummary() {
  const result = await callApi("GET", "/api/v1/activities/summary");
  const cards = $("#trk-summary");
  // The summary route may be absent on older servers; the log works without it.
  cards.hidden = !result.ok;
  if (!result.ok) return;
  cards.replaceChildren(
    ...Object.entries(result.body).filter(([, v]) => v && typeof v === "object").map((
      [period, figures],
    ) =>
      h(
        "div",
        { class: "stat-card", dataset: { testid: `trk-summary-${period}` } },
        h("span", { class: "label" }, PERIOD_LABELS[period] ?? period),
        h("span", { class: "value" }, `${formatCount(figures.points_earned ?? 0)} points`),
        h(
          "span",
          { class: "muted" },
          Object.entries(figures).filter(([, v]) => typeof v === "number").map(([k, v]) =>
            `${k.replaceAll("_", " ")} ${formatCount(v)}`
          ).join(" · "),
        ),
      )
    ),
  );
}

async function loadActivities() {
  const result = await callApi(
    "GET",
    `/api/v1/activities?sort=-start_time&per_page=${PER_PAGE}`,
  );
  if (!reportFailure("Loading activities", result)) return;
  $("#trk-activity-rows").replaceChildren(...result.body.items.map(activityRow));
}

function activityRow(a) {
  const value = a.metrics?.steps ?? a.metrics?.active_minutes ?? a.duration_minutes;
  const row = h(
    "tr",
    { class: "clickable", tabindex: 0, dataset: { testid: "trk-activity", id: a.id } },
    h("td", {}, new Date(a.start_time).toLocaleString()),
    h("td", {}, `${a.activity_type}${a.intensity ? ` (${a.intensity})` : ""}`),
    h("td", { class: "num" }, value === undefined || value === null ? "–" : formatCount(value)),
    h(
      "td",
      { class: "num", dataset: { testid: "trk-activity-points" } },
      formatCount(a.points_earned),
    ),
    h("td", {}, a.connection_id ? "tracker" : "manual"),
  );
  const show = () => showMetrics(a.id);
  row.addEventListener("click", show);
  row.addEventListener("keydown", (event) => event.key === "Enter" && show());
  return row;
}

async function showMetrics(id) {
  const result = await callApi("GET", `/api/v1/activities/${id}`);
  if (!reportFailure("Loading the activity", result)) return;
  showJson($("#trk-metrics"), {
    id,
    points_earned: result.body.points_earned,
    metrics: result.body.metrics,
  });
}

async function loadPoints() {
  const [balance, history] = await Promise.all([
    callApi("GET", "/api/v1/points/balance"),
    callApi("GET", `/api/v1/points/transactions?sort=-created_at&per_page=${PER_PAGE}`),
  ]);
  $("#trk-balance").textContent = balance.ok
    ? `balance ${formatCount(balance.body.point_balance)}`
    : "";
  if (!reportFailure("Loading points", history)) return;
  $("#trk-point-rows").replaceChildren(
    ...history.body.items.map((p) =>
      h(
        "tr",
        { dataset: { testid: "trk-point", reference: p.reference_id ?? "" } },
        h("td", {}, new Date(p.created_at).toLocaleString()),
        h("td", {}, p.transaction_type),
        h("td", { class: "num" }, `${p.amount > 0 ? "+" : ""}${formatCount(p.amount)}`),
        h("td", {}, p.reference_type ? `${p.reference_type}: ${p.description}` : p.description),
      )
    ),
  );
}

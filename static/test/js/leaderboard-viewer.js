/**
 * Leaderboards tab: period buttons, tier dropdown, a ranked table with medals
 * for the top three, paging, and the signed-in user's neighbourhood when the
 * answer has one (GET /api/v1/leaderboards/{period}).
 *
 * @module
 */
import { callApi, describeFailure } from "./http.js";
import { TIER_CODES } from "./reference-data.js";
import { onSessionChange } from "./session.js";
import { $, formatCount, h } from "./ui.js";

const PER_PAGE = 10;
const MEDALS = { 1: "🥇", 2: "🥈", 3: "🥉" };
const state = {
  period: "alltime",
  page: 1,
  totalPages: 0,
  loaded: false,
  latest: 0,
  tierPicked: false,
};

export function initLeaderboardViewer() {
  const tier = $("#lb-tier");
  // Without a tier the API answers the caller's own tier, which needs a session.
  tier.append(
    h("option", { value: "" }, "My tier (signed in)"),
    ...TIER_CODES.map((code) => h("option", { value: code }, code)),
  );
  // Follow sign-in and sign-out until the user picks a tier; the next showing reloads.
  onSessionChange((session) => {
    if (state.tierPicked) return;
    tier.value = session ? "" : TIER_CODES[0];
    state.loaded = false;
  });
  tier.addEventListener("change", () => {
    state.tierPicked = true;
    load(1);
  });
  for (const button of document.querySelectorAll("[data-period]")) {
    button.addEventListener("click", () => {
      state.period = button.dataset.period;
      for (const other of document.querySelectorAll("[data-period]")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      load(1);
    });
  }
  $("#lb-prev").addEventListener("click", () => load(state.page - 1));
  $("#lb-next").addEventListener("click", () => load(state.page + 1));
}

/** Loads the board the first time the tab is shown. */
export function showLeaderboards() {
  if (!state.loaded) load(1);
}

async function load(page) {
  state.loaded = true;
  const query = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
  const tier = $("#lb-tier").value;
  if (tier) query.set("tier", tier);
  const table = $("[data-testid=lb-table]");
  table.setAttribute("aria-busy", "true");
  const ticket = ++state.latest;
  const result = await callApi("GET", `/api/v1/leaderboards/${state.period}?${query}`);
  // A quicker later click wins; an older answer arriving last must not overwrite it.
  if (ticket !== state.latest) return;
  table.removeAttribute("aria-busy");
  const rows = $("#lb-rows");
  if (!result.ok) {
    state.totalPages = 0;
    rows.replaceChildren(messageRow("lb-error", "error", describeFailure(result)));
    $("#lb-meta").textContent = "";
    $("#lb-around").hidden = true;
    return paging();
  }
  const board = result.body;
  state.page = board.pagination?.page ?? page;
  state.totalPages = board.pagination?.total_pages ?? 1;
  rows.replaceChildren(
    ...(board.rankings.length
      ? board.rankings.map((entry) => rankingRow(entry, "lb-row"))
      : [messageRow("lb-empty", "muted", "Nobody has points in this period yet.")]),
  );
  const around = board.around_me ?? [];
  $("#lb-around").hidden = around.length === 0;
  $("#lb-around-rows").replaceChildren(
    ...around.map((entry) => rankingRow(entry, "lb-around-row")),
  );
  const mine = board.me
    ? ` · you: #${board.me.rank} with ${formatCount(board.me.points)} points`
    : "";
  const span = board.period_start
    ? `${day(board.period_start)} – ${day(board.period_end)}`
    : "since the start";
  $("#lb-meta").textContent = `${board.period} · ${board.tier_code} · ${span} · ${
    formatCount(board.total_users)
  } users${mine} · generated ${new Date(board.generated_at).toLocaleTimeString()}`;
  paging();
}

function messageRow(testid, className, text) {
  return h("tr", {}, h("td", { colspan: 4, class: className, dataset: { testid } }, text));
}

function rankingRow(entry, testid) {
  const medal = MEDALS[entry.rank];
  return h(
    "tr",
    { dataset: { testid, rank: entry.rank } },
    h(
      "td",
      { class: "rank" },
      medal
        ? h("span", { class: "medal", "aria-label": `rank ${entry.rank}` }, medal, ` ${entry.rank}`)
        : String(entry.rank),
    ),
    h("td", {}, entry.display_name),
    h("td", { class: "num" }, formatCount(entry.points)),
    h("td", {}, entry.tier_code),
  );
}

function paging() {
  $("#lb-prev").disabled = state.page <= 1 || state.totalPages === 0;
  $("#lb-next").disabled = state.page >= state.totalPages;
  $("#lb-page").textContent = state.totalPages
    ? `page ${state.page} of ${state.totalPages}`
    : "page –";
}

function day(value) {
  return value ? String(value).slice(0, 10) : "…";
}

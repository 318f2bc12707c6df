/**
 * Leaderboards tab: period buttons, tier dropdown (the caller's own tier
 * preselected), a ranked table with medals for the top three and the caller's
 * row highlighted, paging, the ranks around the caller, a public profile on
 * clicking a name, and an optional 60-second auto-refresh
 * (GET /api/v1/leaderboards/{period}).
 *
 * @module
 */
import { callApi, describeFailure } from "./http.js";
import { showPublicProfile } from "./public-profile.js";
import { TIER_CODES } from "./reference-data.js";
import { onSessionChange } from "./session.js";
import { $, formatCount, h } from "./ui.js";

const PER_PAGE = 10;
const MEDALS = { 1: "🥇", 2: "🥈", 3: "🥉" };
const AUTO_REFRESH_MS = 60_000;
const state = {
  period: "alltime",
  page: 1,
  totalPages: 0,
  loaded: false,
  latest: 0,
  tierPicked: false,
  /** The signed-in user ({id, tier}) once /users/me answered; null when signed out. */
  me: null,
  ready: Promise.resolve(),
  timer: 0,
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
    state.me = null;
    state.loaded = false;
    if (!state.tierPicked) tier.value = session ? "" : TIER_CODES[0];
    if (session) state.ready = loadMe();
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
  $("#lb-refresh").addEventListener("click", () => load(state.page));
  $("#lb-auto").addEventListener("change", (event) => {
    clearInterval(state.timer);
    // Only while the tab is visible: a hidden board need not spend the 60/minute limit.
    if (event.target.checked) {
      state.timer = setInterval(() => {
        if (!$("#panel-leaderboards").hidden) load(state.page);
      }, AUTO_REFRESH_MS);
    }
  });
  $("#lb-prev").addEventListener("click", () => load(state.page - 1));
  $("#lb-next").addEventListener("click", () => load(state.page + 1));
}

/** Who is signed in and their tier, which becomes the preselected one. */
async function loadMe() {
  const result = await callApi("GET", "/api/v1/users/me");
  if (!result.ok) return;
  state.me = { id: result.body.id, tier: result.body.profile?.tier_code ?? null };
  if (!state.tierPicked && state.me.tier) $("#lb-tier").value = state.me.tier;
}

/** Loads the board the first time the tab is shown. */
export function showLeaderboards() {
  if (!state.loaded) load(1);
}

async function load(page) {
  state.loaded = true;
  await state.ready;
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
  const mine = entry.user_id === state.me?.id;
  const name = h(
    "button",
    { type: "button", class: "link", dataset: { testid: "lb-name" } },
    entry.display_name,
  );
  name.addEventListener("click", () => showPublicProfile(entry.user_id));
  return h(
    "tr",
    {
      class: mine ? "me" : null,
      dataset: { testid, rank: entry.rank, me: mine, userId: entry.user_id },
    },
    h(
      "td",
      { class: "rank" },
      medal
        ? h("span", { class: "medal", "aria-label": `rank ${entry.rank}` }, medal, ` ${entry.rank}`)
        : String(entry.rank),
    ),
    h("td", {}, name, mine ? " (you)" : ""),
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

/**
 * The public-profile panel a leaderboard name opens: display name, tier,
 * points earned and rank per period (GET /api/v1/users/{id}/public; never
 * email, birth date or state).
 *
 * @module
 */
import { callApi } from "./http.js";
import { $, formatCount, h, reportFailure } from "./ui.js";

export function initPublicProfile() {
  $("#lb-profile-close").addEventListener("click", () => $("#lb-profile").hidden = true);
}

/** Loads and shows `userId`'s public profile. */
export async function showPublicProfile(userId) {
  const result = await callApi("GET", `/api/v1/users/${userId}/public`);
  if (!reportFailure("Loading the profile", result)) return;
  const p = result.body;
  const panel = $("#lb-profile");
  panel.dataset.userId = p.user_id;
  $("[data-testid=lb-profile-name]").textContent = p.display_name;
  $("[data-testid=lb-profile-tier]").textContent = p.tier_code;
  $("[data-testid=lb-profile-points]").textContent = formatCount(p.points_earned_total);
  $("[data-testid=lb-profile-since]").textContent = String(p.member_since).slice(0, 10);
  $("#lb-profile-ranks").replaceChildren(
    ...p.ranks.map((r) =>
      h(
        "tr",
        { dataset: { testid: "lb-profile-rank", period: r.period } },
        h("th", { scope: "row" }, r.period),
        h("td", { class: "num" }, r.rank === null ? "–" : `#${r.rank}`),
        h("td", { class: "num" }, formatCount(r.points)),
      )
    ),
  );
  panel.hidden = false;
  panel.scrollIntoView({ block: "nearest" });
}

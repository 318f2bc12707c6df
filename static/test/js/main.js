/**
 * Entry point: tab switching (remembered in the URL hash, arrow keys move
 * between tabs) and the start of each tab's module. A `?verify_token=` or
 * `?reset_token=` link from a mail opens the Authentication tab with the token.
 *
 * @module
 */
import { initAdminDrawings, showAdminDrawings } from "./admin-drawings.js";
import { initAdminFulfillments } from "./admin-fulfillments.js";
import { initApiTester } from "./api-tester.js";
import { initAuthTester, useResetToken, verifyWithToken } from "./auth-tester.js";
import { initDrawingResults } from "./drawing-results.js";
import { initDrawings, showDrawings } from "./drawings.js";
import { initLeaderboardViewer, showLeaderboards } from "./leaderboard-viewer.js";
import { initMailbox } from "./mailbox.js";
import { initMyEntries } from "./my-entries.js";
import { initPublicProfile } from "./public-profile.js";
import { initReportViewer, showReports } from "./report-viewer.js";
import { initSampleData } from "./sample-data.js";
import { connectionReturned, initTrackers, showTrackers } from "./trackers.js";
import { startCountdowns } from "./ui.js";

const ON_SHOW = {
  leaderboards: showLeaderboards,
  reports: showReports,
  trackers: showTrackers,
  drawings: showDrawings,
  "admin-drawings": showAdminDrawings,
};

function selectTab(name, focus = false) {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const chosen = tabs.find((tab) => tab.dataset.tab === name) ?? tabs[0];
  for (const tab of tabs) {
    const selected = tab === chosen;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) chosen.focus();
  history.replaceState(null, "", `#${chosen.dataset.tab}`);
  ON_SHOW[chosen.dataset.tab]?.();
}

function initTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab.dataset.tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      selectTab(next.dataset.tab, true);
    });
  }
}

// Prism is a deferred classic script: it has run before this module (also deferred).
initTabs();
initLeaderboardViewer();
initPublicProfile();
initReportViewer();
initSampleData();
initAuthTester();
initMailbox();
initTrackers();
initDrawings();
initDrawingResults();
initMyEntries();
initAdminDrawings();
initAdminFulfillments();
startCountdowns();
// Links in the verification and reset mails point here (core/mail/templates.ts).
const params = new URLSearchParams(location.search);
const verifyToken = params.get("verify_token");
const resetToken = params.get("reset_token");
// The tracker callback sends the browser back here with ?connected= or ?connect_error=.
const trackerReturn = connectionReturned(params);
selectTab(
  verifyToken || resetToken ? "auth" : trackerReturn ? "trackers" : location.hash.slice(1) || "api",
);
if (verifyToken) verifyWithToken(verifyToken);
if (resetToken) useResetToken(resetToken);
await initApiTester();
document.body.dataset.ready = "true";

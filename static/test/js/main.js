/**
 * Entry point: tab switching (remembered in the URL hash, arrow keys move
 * between tabs) and the start of each tab's module. A `?verify_token=` or
 * `?reset_token=` link from a mail opens the Authentication tab with the token.
 *
 * @module
 */
import { initApiTester } from "./api-tester.js";
import { initAuthTester, useResetToken, verifyWithToken } from "./auth-tester.js";
import { initLeaderboardViewer, showLeaderboards } from "./leaderboard-viewer.js";
import { initMailbox } from "./mailbox.js";
import { initReportViewer, showReports } from "./report-viewer.js";
import { initSampleData } from "./sample-data.js";

const ON_SHOW = { leaderboards: showLeaderboards, reports: showReports };

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
initReportViewer();
initSampleData();
initAuthTester();
initMailbox();
// Links in the verification and reset mails point here (core/mail/templates.ts).
const params = new URLSearchParams(location.search);
const verifyToken = params.get("verify_token");
const resetToken = params.get("reset_token");
selectTab(verifyToken || resetToken ? "auth" : location.hash.slice(1) || "api");
if (verifyToken) verifyWithToken(verifyToken);
if (resetToken) useResetToken(resetToken);
await initApiTester();
document.body.dataset.ready = "true";

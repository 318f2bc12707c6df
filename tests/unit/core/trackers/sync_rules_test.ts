import assert from "node:assert/strict";
import {
  FIRST_SYNC_DAYS,
  MAX_LOOKBACK_DAYS,
  retryPlan,
  syncWindows,
  WINDOW_DAYS,
} from "../../../../core/trackers/sync_connection.ts";
import { streakDays } from "../../../../core/activities/summary.ts";

const NOW = new Date("2026-03-11T15:00:00Z");
const DAY = 86_400_000;

Deno.test("syncWindows() reads 7 days on a first sync, in one window ending now", () => {
  const windows = syncWindows(null, NOW);
  assert.equal(windows.length, 1);
  assert.equal(NOW.getTime() - windows[0].from.getTime(), FIRST_SYNC_DAYS * DAY);
  assert.equal(windows[0].to.getTime(), NOW.getTime());
});

Deno.test("syncWindows() re-reads 24 h before the last sync", () => {
  const last = new Date(NOW.getTime() - 16 * 60_000);
  const [w] = syncWindows(last, NOW);
  assert.equal(w.from.getTime(), last.getTime() - DAY);
});

Deno.test("syncWindows() splits long gaps into windows of at most 7 days, never beyond 30 days", () => {
  const windows = syncWindows(new Date(NOW.getTime() - 90 * DAY), NOW);
  assert.equal(windows[0].from.getTime(), NOW.getTime() - MAX_LOOKBACK_DAYS * DAY);
  assert.equal(windows.at(-1)!.to.getTime(), NOW.getTime());
  for (let i = 0; i < windows.length; i++) {
    assert.ok(windows[i].to.getTime() - windows[i].from.getTime() <= WINDOW_DAYS * DAY);
    if (i > 0) assert.equal(windows[i].from.getTime(), windows[i - 1].to.getTime(), "no gaps");
  }
  assert.equal(windows.length, Math.ceil(MAX_LOOKBACK_DAYS / WINDOW_DAYS));
});

Deno.test("retryPlan() retries after 1 and 2 minutes, then errors until the next cycle", () => {
  assert.deepEqual(retryPlan(1, NOW), {
    status: "failed",
    nextAt: new Date(NOW.getTime() + 60_000),
    attempts: 1,
  });
  assert.deepEqual(retryPlan(2, NOW), {
    status: "failed",
    nextAt: new Date(NOW.getTime() + 120_000),
    attempts: 2,
  });
  assert.deepEqual(retryPlan(3, NOW), {
    status: "error",
    nextAt: new Date(NOW.getTime() + 15 * 60_000),
    attempts: 0,
  });
});

Deno.test("streakDays() counts back from today, or from yesterday while today is empty", () => {
  const earned = new Map([["2026-03-08", 5], ["2026-03-09", 10], ["2026-03-10", 1]]);
  assert.equal(streakDays(earned, "2026-03-10"), 3);
  assert.equal(streakDays(earned, "2026-03-11"), 3, "today not over yet");
  assert.equal(streakDays(earned, "2026-03-12"), 0, "yesterday empty: broken");
  assert.equal(streakDays(new Map([["2026-03-10", 0]]), "2026-03-10"), 0);
  // Across a month and a DST change (dates, not instants).
  const spring = new Map([["2026-02-28", 1], ["2026-03-01", 1], ["2026-03-08", 1]]);
  assert.equal(streakDays(spring, "2026-03-01"), 2);
});

import assert from "node:assert/strict";
import fc from "fast-check";
import { DAILY_CAP, type DayRecord, settleDay } from "../../../../core/points/rules/mod.ts";
import { EMPTY, H, rec, workout } from "./_day_records.ts";

Deno.test("settleDay() pays a growing daily steps total only its increase", () => {
  const daily = rec({ kind: "steps", steps: 6_000 });
  const first = settleDay({
    records: [daily],
    state: EMPTY,
    triggerId: daily.id,
    tierCode: "OPEN",
  });
  assert.equal(first.granted, 60);
  const grown = { ...daily, steps: 8_050 };
  const second = settleDay({
    records: [grown],
    state: first.state,
    triggerId: daily.id,
    tierCode: "OPEN",
  });
  assert.equal(second.granted, 20, "8,050 steps is 80 points; 60 were paid");
  const same = settleDay({
    records: [grown],
    state: second.state,
    triggerId: daily.id,
    tierCode: "OPEN",
  });
  assert.equal(same.granted, 0, "the same total again pays nothing");
});

Deno.test("settleDay() never claws back: a shrinking total pays 0 and is flagged as a correction", () => {
  const daily = rec({ kind: "steps", steps: 9_000 });
  const paid = settleDay({ records: [daily], state: EMPTY, triggerId: daily.id, tierCode: "OPEN" });
  const shrunk = settleDay({
    records: [{ ...daily, steps: 7_000 }],
    state: paid.state,
    triggerId: daily.id,
    tierCode: "OPEN",
  });
  assert.equal(shrunk.granted, 0);
  assert.equal(shrunk.correction, true);
  assert.equal(shrunk.state.steps, 9_000, "the high-water mark stays");
  const regrown = settleDay({
    records: [{ ...daily, steps: 9_500 }],
    state: shrunk.state,
    triggerId: daily.id,
    tierCode: "OPEN",
  });
  assert.equal(regrown.granted, 5, "only steps above the old mark pay");
});

Deno.test("settleDay() pays workout minutes once: a workout inside the daily minutes earns only its bonus", () => {
  const daily = rec({ kind: "active_minutes", minutes: { light: 0, moderate: 45, vigorous: 0 } });
  const a = settleDay({
    records: [daily],
    state: EMPTY,
    triggerId: daily.id,
    tierCode: "F-30-39-INT",
  });
  assert.equal(a.granted, 90);
  const w = workout(30, "moderate");
  const b = settleDay({
    records: [daily, w],
    state: a.state,
    triggerId: w.id,
    tierCode: "F-30-39-INT",
  });
  assert.equal(b.activityPoints, 0);
  assert.equal(b.bonus, 50);
  assert.equal(b.granted, 50);
});

Deno.test("settleDay() pays a workout first, then the daily pays only minutes beyond it", () => {
  const w = workout(45, "moderate");
  const a = settleDay({ records: [w], state: EMPTY, triggerId: w.id, tierCode: "F-30-39-INT" });
  assert.equal(a.granted, 2 * 45 + 50, "plan: 2 × 45 × 1.0 + 50 bonus");
  const daily = rec({ kind: "active_minutes", minutes: { light: 10, moderate: 50, vigorous: 0 } });
  const b = settleDay({
    records: [w, daily],
    state: a.state,
    triggerId: daily.id,
    tierCode: "F-30-39-INT",
  });
  assert.equal(b.granted, 10 + 2 * 5);
});

Deno.test("settleDay() bonus boundaries: 19 minutes no, 20 yes; 3rd bonus yes, 4th no", () => {
  const short = workout(19, "light");
  assert.equal(
    settleDay({ records: [short], state: EMPTY, triggerId: short.id, tierCode: "OPEN" }).bonus,
    0,
  );
  const ok = workout(20, "light");
  assert.equal(
    settleDay({ records: [ok], state: EMPTY, triggerId: ok.id, tierCode: "OPEN" }).bonus,
    50,
  );
  let state = EMPTY;
  const records: DayRecord[] = [];
  const bonuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const w = workout(25, "light");
    records.push(w);
    const s = settleDay({ records, state, triggerId: w.id, tierCode: "OPEN" });
    bonuses.push(s.bonus);
    records[records.length - 1] = { ...w, bonusPaid: s.bonus > 0 };
    state = s.state;
  }
  assert.deepEqual(bonuses, [50, 50, 50, 0]);
  assert.equal(state.bonuses, 3);
});

Deno.test("settleDay() bonus is flat: not tier-adjusted (BEG 20 vigorous minutes = 72 + 50)", () => {
  const w = workout(20, "vigorous");
  const s = settleDay({ records: [w], state: EMPTY, triggerId: w.id, tierCode: "M-18-29-BEG" });
  assert.equal(s.activityPoints, 72);
  assert.equal(s.bonus, 50);
});

Deno.test("settleDay() cap: 980 earned + 50 → 20 paid and capped; at 1000 nothing more", () => {
  const w = workout(25, "light");
  const s = settleDay({
    records: [w],
    state: { ...EMPTY, earned: 980 },
    triggerId: w.id,
    tierCode: "OPEN",
  });
  assert.equal(s.requested, 75);
  assert.equal(s.granted, 20);
  assert.equal(s.capped, true);
  assert.equal(s.state.earned, DAILY_CAP);
  const w2 = workout(5, "light");
  const t = settleDay({ records: [w, w2], state: s.state, triggerId: w2.id, tierCode: "OPEN" });
  assert.equal(t.granted, 0);
  assert.equal(t.capped, true);
});

Deno.test("settleDay() primary wins: an overlapping workout of another connection is a duplicate", () => {
  const primary = workout(30, "moderate", {
    connectionId: "fitbit",
    primary: true,
    start: 0,
    end: 30 * 60_000,
  });
  const other = workout(32, "moderate", {
    connectionId: "gfit",
    primary: false,
    start: 60_000,
    end: 33 * 60_000,
  });
  const s = settleDay({
    records: [primary, other],
    state: EMPTY,
    triggerId: other.id,
    tierCode: "OPEN",
  });
  assert.equal(s.duplicateOf, primary.id);
  assert.equal(s.granted, 0);
  const dailyPrimary = rec({ kind: "steps", steps: 5_000, connectionId: "fitbit", primary: true });
  const dailyOther = rec({ kind: "steps", steps: 9_000, connectionId: "gfit", primary: false });
  const d = settleDay({
    records: [dailyPrimary, dailyOther],
    state: EMPTY,
    triggerId: dailyOther.id,
    tierCode: "OPEN",
  });
  assert.equal(d.duplicateOf, dailyPrimary.id, "the primary's daily total is the day's");
});

Deno.test("settleDay() a deleted workout pays nothing more and keeps what it paid", () => {
  const w = workout(30, "vigorous");
  const paid = settleDay({ records: [w], state: EMPTY, triggerId: w.id, tierCode: "OPEN" });
  const gone = settleDay({
    records: [{ ...w, deleted: true, bonusPaid: true }],
    state: paid.state,
    triggerId: w.id,
    tierCode: "OPEN",
  });
  assert.equal(gone.granted, 0);
  assert.equal(gone.correction, true);
  assert.deepEqual(gone.state, paid.state);
});

const arbRecord = fc.record({
  kind: fc.constantFrom("steps" as const, "active_minutes" as const, "workout" as const),
  steps: fc.integer({ min: 0, max: 40_000 }),
  light: fc.integer({ min: 0, max: 300 }),
  moderate: fc.integer({ min: 0, max: 300 }),
  vigorous: fc.integer({ min: 0, max: 200 }),
  slot: fc.integer({ min: 0, max: 5 }),
  conn: fc.constantFrom("c1", "c2"),
});

Deno.test("settleDay() property (1,000 runs): any arrival sequence pays ≤ cap, never negative, basis never drops", () => {
  fc.assert(
    fc.property(
      fc.array(arbRecord, { maxLength: 30 }),
      fc.constantFrom("M-18-29-BEG", "OPEN", "F-40-49-ADV"),
      (events, tier) => {
        const stored = new Map<string, DayRecord>();
        let state = EMPTY;
        let total = 0;
        for (const [i, e] of events.entries()) {
          // Same kind + slot + connection = a later copy of the same record (cumulative update).
          const key = `${e.kind}:${e.slot}:${e.conn}`;
          const previous = stored.get(key);
          const r: DayRecord = {
            id: key,
            kind: e.kind,
            connectionId: e.conn,
            primary: e.conn === "c1",
            start: e.slot * H,
            end: e.slot * H + 40 * 60_000,
            steps: e.steps,
            minutes: { light: e.light, moderate: e.moderate, vigorous: e.vigorous },
            durationMinutes: e.light + e.moderate + e.vigorous,
            bonusPaid: previous?.bonusPaid ?? false,
            deleted: false,
            arrived: previous?.arrived ?? i,
          };
          stored.set(key, r);
          const s = settleDay({
            records: [...stored.values()],
            state,
            triggerId: key,
            tierCode: tier,
          });
          assert.ok(s.granted >= 0 && s.granted <= s.requested);
          assert.ok(
            s.state.steps >= state.steps && s.state.minutes.moderate >= state.minutes.moderate,
          );
          assert.ok(s.state.bonuses <= 3);
          if (s.bonus > 0) stored.set(key, { ...r, bonusPaid: true });
          total += s.granted;
          state = s.state;
          assert.equal(state.earned, total);
          assert.ok(total <= DAILY_CAP, `paid ${total} > cap`);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

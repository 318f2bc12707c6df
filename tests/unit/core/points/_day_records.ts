/** Day records for the settlement tests: each new record starts an hour after the last. */
import { type DayRecord, type DayState, settleDay } from "../../../../core/points/rules/mod.ts";

export const EMPTY: DayState = {
  steps: 0,
  minutes: { light: 0, moderate: 0, vigorous: 0 },
  bonuses: 0,
  earned: 0,
};
export const H = 3_600_000;
export const MIN = 60_000;
let seq = 0;

export function rec(overrides: Partial<DayRecord> & Pick<DayRecord, "kind">): DayRecord {
  seq++;
  return {
    id: `r${seq}`,
    connectionId: "c1",
    primary: true,
    start: seq * H,
    end: seq * H + 30 * MIN,
    steps: 0,
    minutes: { light: 0, moderate: 0, vigorous: 0 },
    durationMinutes: null,
    bonusPaid: false,
    deleted: false,
    arrived: seq,
    ...overrides,
  };
}

export function workout(
  minutes: number,
  intensity: "light" | "moderate" | "vigorous",
  overrides: Partial<DayRecord> = {},
): DayRecord {
  const m = { light: 0, moderate: 0, vigorous: 0, [intensity]: minutes };
  return rec({ kind: "workout", minutes: m, durationMinutes: minutes, ...overrides });
}

/** Settles `trigger` at OPEN (multiplier 1.0) on top of `state`. */
export function settle(records: DayRecord[], trigger: DayRecord, state: DayState = EMPTY) {
  return settleDay({ records, state, triggerId: trigger.id, tierCode: "OPEN" });
}

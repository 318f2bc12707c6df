/**
 * Synthesized Terra data for the simulated mode: for each day of a window, a
 * daily whose totals grow through the day and, on most days, one workout once
 * it has ended. Deterministic per user and day, so repeated syncs see the
 * same or larger totals, never different ones.
 *
 * @module
 */
import { terraActivity, terraDaily } from "./sim_payloads.ts";

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Activities and dailies of a simulated user for the UTC days [from, to]. */
export function synthesizeDays(
  userId: string,
  from: Date,
  to: Date,
): { activity: Record<string, unknown>[]; daily: Record<string, unknown>[] } {
  const activity: Record<string, unknown>[] = [];
  const daily: Record<string, unknown>[] = [];
  const first = new Date(`${from.toISOString().slice(0, 10)}T00:00:00Z`).getTime();
  for (let start = first; start <= to.getTime(); start += 86_400_000) {
    const date = new Date(start).toISOString().slice(0, 10);
    const seed = seedOf(`${userId}:${date}`);
    const elapsed = Math.min(1, Math.max(0, (to.getTime() - start) / 86_400_000));
    const grown = (full: number) => Math.floor(full * elapsed);
    daily.push(terraDaily({
      date,
      steps: grown(3000 + (seed % 9000)),
      minutes: {
        light: grown(20 + (seed % 40)),
        moderate: grown(10 + ((seed >>> 8) % 30)),
        vigorous: grown((seed >>> 16) % 20),
      },
    }));
    const minutes = 15 + ((seed >>> 4) % 40);
    const begins = start + (6 + ((seed >>> 12) % 12)) * 3_600_000;
    if (seed % 3 !== 0 && begins + minutes * 60_000 <= to.getTime()) {
      activity.push(terraActivity({
        summaryId: `sim-${date}-${seed.toString(16)}`,
        start: new Date(begins).toISOString(),
        minutes: seed % 2 === 0 ? { moderate: minutes } : { vigorous: minutes },
        name: seed % 2 === 0 ? "Simulated ride" : "Simulated run",
      }));
    }
  }
  return { activity, daily };
}

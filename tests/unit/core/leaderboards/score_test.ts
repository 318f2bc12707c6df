import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeScore,
  encodeScore,
  MAX_SCORE_POINTS,
  SCORE_EPOCH_MS,
} from "../../../../core/leaderboards/score.ts";

const instant = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((s) =>
  new Date(SCORE_EPOCH_MS + s * 1000)
);
const points = fc.integer({ min: 0, max: MAX_SCORE_POINTS - 1 });
const entry = fc.record({ points, at: instant, user: fc.uuid() });

Deno.test("encodeScore() round-trips points and the reach second exactly (T7)", () => {
  fc.assert(
    fc.property(points, instant, (p, at) => {
      const decoded = decodeScore(encodeScore(p, at));
      assert.equal(decoded.points, p);
      assert.equal(decoded.reachedAt.getTime(), at.getTime());
      assert.ok(Number.isSafeInteger(encodeScore(p, at)));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("encodeScore() orders like (points desc, reached_at asc, user asc) once Redis breaks ties by member (T7)", () => {
  // Redis: ascending score, equal scores by member; we store the negated composite.
  const redisOrder = (a: { points: number; at: Date; user: string }, b: typeof a) =>
    -encodeScore(a.points, a.at) - -encodeScore(b.points, b.at) ||
    (a.user < b.user ? -1 : a.user > b.user ? 1 : 0);
  const sqlOrder = (a: { points: number; at: Date; user: string }, b: typeof a) =>
    b.points - a.points || a.at.getTime() - b.at.getTime() ||
    (a.user < b.user ? -1 : a.user > b.user ? 1 : 0);
  fc.assert(
    fc.property(fc.array(entry, { minLength: 2, maxLength: 30 }), (entries) => {
      const bySql = [...entries].sort(sqlOrder).map((e) => e.user);
      const byRedis = [...entries].sort(redisOrder).map((e) => e.user);
      assert.deepEqual(byRedis, bySql);
    }),
    { numRuns: 1000 },
  );
  // Near the edges too: the largest points, the last second, ties one second apart.
  const last = new Date(SCORE_EPOCH_MS + (2 ** 32 - 1) * 1000);
  const first = new Date(SCORE_EPOCH_MS);
  assert.ok(encodeScore(MAX_SCORE_POINTS - 1, last) > encodeScore(MAX_SCORE_POINTS - 2, first));
  assert.ok(encodeScore(5, first) > encodeScore(5, new Date(SCORE_EPOCH_MS + 1000)));
});

Deno.test("encodeScore() refuses points of 2^21 or more, negative or fractional points, and times out of range (T7)", () => {
  const at = new Date("2026-06-01T00:00:00Z");
  for (const bad of [MAX_SCORE_POINTS, MAX_SCORE_POINTS * 4, -1, 1.5, Number.NaN]) {
    assert.throws(() => encodeScore(bad, at), RangeError, String(bad));
  }
  assert.throws(() => encodeScore(1, new Date("2024-12-31T23:59:59Z")), RangeError);
  assert.throws(() => encodeScore(1, new Date(SCORE_EPOCH_MS + 2 ** 32 * 1000)), RangeError);
  assert.equal(decodeScore(encodeScore(MAX_SCORE_POINTS - 1, at)).points, MAX_SCORE_POINTS - 1);
});

Deno.test("encodeScore() errors say which bound was crossed", () => {
  assert.throws(() => encodeScore(MAX_SCORE_POINTS, new Date("2026-06-01T00:00:00Z")), {
    name: "RangeError",
    message: `Cannot encode score: points ${MAX_SCORE_POINTS} outside 0..${MAX_SCORE_POINTS - 1}`,
  });
  assert.throws(() => encodeScore(1, new Date("2024-12-31T23:59:59Z")), {
    name: "RangeError",
    message: "Cannot encode score: time 2024-12-31T23:59:59.000Z out of range",
  });
});

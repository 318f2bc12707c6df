import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeCursor, encodeCursor } from "../../../../core/leaderboards/cursor.ts";
import { DomainError } from "../../../../core/errors.ts";

Deno.test("encodeCursor() - round-trips a board position as a URL-safe token", () => {
  const position = {
    points: 1420,
    reached_at: "2026-12-09T15:04:05.000Z",
    user_id: "0b6f9c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e",
  };
  const token = encodeCursor(position);
  assert.match(token, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(token), position);
});

Deno.test("decodeCursor() - anything this API did not issue is a bad_request naming cursor", () => {
  const bad = [
    "",
    "not base64!",
    btoa("{}"),
    btoa("[1,2]"),
    btoa('[-1,"2026-01-01T00:00:00Z","0b6f9c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"]'),
    btoa('[1,"yesterday","0b6f9c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"]'),
    btoa('[1,"2026-01-01T00:00:00Z","1; DROP TABLE users"]'),
  ];
  for (const token of bad) {
    assert.throws(
      () => decodeCursor(token),
      (e: unknown) =>
        e instanceof DomainError && e.code === "bad_request" &&
        e.details.errors?.[0]?.field === "cursor",
      token,
    );
  }
});

const USER = "0b6f9c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
const cursorFrom = (value: unknown) => btoa(JSON.stringify(value));

function assertBadCursor(token: string, label = token): void {
  assert.throws(
    () => decodeCursor(token),
    (e: unknown) =>
      e instanceof DomainError && e.code === "bad_request" && /cursor/.test(e.message) &&
      /next_cursor/.test(e.details.errors?.[0]?.message ?? ""),
    label,
  );
}

Deno.test("encodeCursor() - any position round-trips through a URL-safe token without padding", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => new Date(s * 1000).toISOString()),
      fc.uuid(),
      (points, reached_at, user_id) => {
        const token = encodeCursor({ points, reached_at, user_id });
        assert.match(token, /^[A-Za-z0-9_-]+$/);
        assert.deepEqual(decodeCursor(token), { points, reached_at, user_id });
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("decodeCursor() - accepts 0 points and standard base64 with padding", () => {
  const zero = { points: 0, reached_at: "2026-01-01T00:00:00.000Z", user_id: USER };
  assert.deepEqual(decodeCursor(encodeCursor(zero)), zero);
  assert.deepEqual(decodeCursor(cursorFrom([0, zero.reached_at, USER])), zero);
});

Deno.test("decodeCursor() - refuses wrong shapes, types and ids that merely contain a UUID", () => {
  const at = "2026-01-01T00:00:00Z";
  assertBadCursor(cursorFrom([1, at, USER, "extra"]), "four elements");
  assertBadCursor(cursorFrom({ 0: 1, 1: at, 2: USER, length: 3 }), "array-like object");
  assertBadCursor(cursorFrom([1, Date.parse(at), USER]), "time as epoch ms");
  assertBadCursor(cursorFrom([1, 2026, USER]), "time as a number Date.parse would read as a year");
  assertBadCursor(cursorFrom([1, at, [USER]]), "id in an array");
  assertBadCursor(cursorFrom([1.5, at, USER]), "fractional points");
  assertBadCursor(cursorFrom([1, at, `x${USER}`]), "junk before the id");
  assertBadCursor(cursorFrom([1, at, `${USER}x`]), "junk after the id");
  assertBadCursor(cursorFrom([1, at, USER.toUpperCase()]), "upper-case id");
});

import assert from "node:assert/strict";
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

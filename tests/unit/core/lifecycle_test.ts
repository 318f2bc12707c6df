import assert from "node:assert/strict";
import { assertTransition, canTransition } from "../../../core/drawings/lifecycle.ts";
import { DRAWING_STATUSES } from "../../../core/drawings/schemas.ts";
import { DomainError } from "../../../core/errors.ts";

Deno.test("drawing lifecycle - allows exactly the plan's transitions", () => {
  const allowed = DRAWING_STATUSES.flatMap((from) =>
    DRAWING_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`)
  );
  assert.deepEqual(allowed.sort(), [
    "closed->completed",
    "draft->cancelled",
    "draft->scheduled",
    "open->cancelled",
    "open->closed",
    "scheduled->cancelled",
    "scheduled->draft",
    "scheduled->open",
  ]);
});

Deno.test("drawing lifecycle - a refused move names what is allowed", () => {
  assert.throws(
    () => assertTransition("closed", "cancelled"),
    (e) =>
      e instanceof DomainError && e.code === "invalid_state" &&
      /can go to: completed/.test(e.message),
  );
  assert.throws(() => assertTransition("completed", "open"), /final state/);
  assertTransition("open", "open");
});

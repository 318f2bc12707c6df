import assert from "node:assert/strict";
import { concurrencyLimit, createArgon2Hasher } from "../../../integrations/security/argon2.ts";

Deno.test("concurrencyLimit() - never more than the limit in flight, every task runs, in arrival order", async () => {
  const run = concurrencyLimit(2);
  let active = 0;
  let peak = 0;
  const started: number[] = [];
  const results = await Promise.all(Array.from({ length: 9 }, (_, i) =>
    run(async () => {
      started.push(i);
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5 + (i % 3)));
      active--;
      if (i === 4) throw new Error("task 4 fails");
      return i * 10;
    }).catch((error: Error) => error.message)));
  assert.equal(peak, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(results, [0, 10, 20, 30, "task 4 fails", 50, 60, 70, 80]);
  // A failed task frees its slot: the limiter still admits work afterwards.
  assert.equal(await run(() => Promise.resolve("after")), "after");
});

Deno.test("Argon2 hasher - one hash at a time still hashes and verifies correctly", async () => {
  const hasher = createArgon2Hasher(1);
  const [a, b] = await Promise.all([hasher.hash("Correct-Horse-1!"), hasher.hash("Other-Pass-2!")]);
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  const checks = await Promise.all([
    hasher.verify(a, "Correct-Horse-1!"),
    hasher.verify(a, "Other-Pass-2!"),
    hasher.verify(b, "Other-Pass-2!"),
    hasher.verify("not a hash", "x"),
  ]);
  assert.deepEqual(checks, [true, false, true, false]);
});

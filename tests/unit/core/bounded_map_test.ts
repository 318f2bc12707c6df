import assert from "node:assert/strict";
import { BoundedMap } from "../../../core/bounded_map.ts";

Deno.test("BoundedMap - holds at most its capacity, dropping the oldest added first", () => {
  const map = new BoundedMap<string, number>(3);
  for (const [i, key] of ["a", "b", "c", "d", "e"].entries()) map.set(key, i);
  assert.deepEqual([...map.entries()], [["c", 2], ["d", 3], ["e", 4]]);
  // Replacing a held key keeps everything else.
  map.set("d", 30);
  assert.deepEqual([...map.keys()], ["c", "d", "e"]);
  assert.equal(map.get("d"), 30);
});

Deno.test("BoundedMap - capacity 0 holds nothing; a negative capacity is refused", () => {
  const map = new BoundedMap<string, number>(0);
  map.set("a", 1);
  assert.equal(map.size, 0);
  assert.throws(() => new BoundedMap(-1), RangeError);
});

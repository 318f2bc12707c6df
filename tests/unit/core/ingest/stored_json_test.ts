import assert from "node:assert/strict";
import { asStoredJson } from "../../../../core/ingest/stored_json.ts";

Deno.test("asStoredJson() - orders keys as jsonb does: shorter first, then bytewise, in nested objects and arrays", () => {
  const value = {
    bb: 1,
    a: 2,
    ccc: 3,
    ab: 4,
    "é": 5,
    z: 6,
    n: { yy: 1, x: [{ b: 1, a: 2 }] },
    gone: undefined,
  };
  // PostgreSQL's own answer for the same object (SELECT '{...}'::jsonb).
  const stored = '{"a":2,"n":{"x":[{"a":2,"b":1}],"yy":1},"z":6,"ab":4,"bb":1,"é":5,"ccc":3}';
  assert.equal(JSON.stringify(asStoredJson(value)), stored);
});

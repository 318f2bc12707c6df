/**
 * T13 contract fuzz: requests generated from the app's own OpenAPI document —
 * random path values, query values and bodies (NUL and emoji strings, negative
 * and huge numbers, wrong types, malformed JSON, 1 MB bodies) — as an admin and
 * anonymously. Every answer must be < 500, and every 4xx must be problem+json.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { authHeaders } from "../../_support/auth.ts";
import { testContext } from "../../_support/services.ts";

const REQUESTS = Number(Deno.env.get("FITTRACK_FUZZ_REQUESTS") ?? 10_000);
// Destructive by design (drop and reseed everything): fuzzing them only measures reseeding.
const SKIP = new Set(["POST /api/v1/admin/reset", "POST /api/v1/admin/seed"]);

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  hasBody: boolean;
}

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "\u0000",
    "💥🏃‍♀️",
    "' OR 1=1 --",
    "../../etc/passwd",
    "",
    " ",
    "null",
    "-1",
    "1e309",
  ),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.uuid(),
  fc.constantFrom("550e8400-e29b-41d4-a716-446655440000", "9".repeat(40), "-999999999999"),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.integer({ min: -2_147_483_648 * 4, max: 2_147_483_647 * 4 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("any"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("any"), { maxKeys: 4 }),
  ),
})).any;

function operations(
  doc: {
    paths: Record<
      string,
      Record<string, { parameters?: Operation["params"]; requestBody?: unknown }>
    >;
  },
): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        hasBody: op.requestBody !== undefined,
      });
    }
  }
  return out;
}

function body(sample: unknown, kind: number): BodyInit {
  if (kind === 0) return "{not json";
  if (kind === 1) return JSON.stringify({ blob: "x".repeat(1_100_000) });
  return JSON.stringify(sample);
}

Deno.test(`T13 contract fuzz - ${REQUESTS} generated requests: no 5xx, every 4xx is problem+json`, async () => {
  const t = await testContext();
  try {
    const admin = await authHeaders(t, "admin");
    const doc = await (await t.request("/openapi.json")).json();
    const ops = operations(doc);
    assert.ok(ops.length > 40, `expected the whole API, got ${ops.length} operations`);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const sample = fc.sample(
      fc.record({
        op: fc.nat({ max: ops.length - 1 }),
        path: nasty,
        query: fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 3 }),
        body: value,
        bodyKind: fc.nat({ max: 20 }),
        anonymous: fc.nat({ max: 9 }),
      }),
      { numRuns: REQUESTS, seed: 20261207 },
    );
    for (const s of sample) {
      const op = ops[s.op];
      let url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(s.path));
      const query = new URLSearchParams();
      for (const p of op.params.filter((p) => p.in === "query")) query.set(p.name, s.path);
      for (const [k, v] of Object.entries(s.query)) query.set(k, v);
      url += `?${query}`;
      const headers: Record<string, string> = s.anonymous === 0 ? {} : { ...admin };
      if (op.hasBody) headers["content-type"] = "application/json";
      const response = await t.app.request(url, {
        method: op.method,
        headers,
        body: op.hasBody ? body(s.body, s.bodyKind) : undefined,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      if (response.status >= 500) {
        failures.push(
          `${op.method} ${url.slice(0, 120)} -> ${response.status} ${text.slice(0, 200)}`,
        );
      } else if (response.status >= 400 && response.status !== 405) {
        const type = response.headers.get("content-type") ?? "";
        if (!type.includes("application/problem+json")) {
          failures.push(`${op.method} ${url.slice(0, 120)} -> ${response.status} as ${type}`);
        }
      }
    }
    console.log(
      `T13: ${REQUESTS} requests over ${ops.length} operations; statuses ${
        JSON.stringify(Object.fromEntries([...statuses].sort()))
      }`,
    );
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers`);
  } finally {
    await t.close();
  }
});

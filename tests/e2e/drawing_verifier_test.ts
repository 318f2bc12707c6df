/**
 * The test page's Web Crypto verifier (static/test/js/drawing-verifier.js)
 * against the server's own fitdraw-v1 code (core/drawings/draw): the fixed
 * vectors verify in both, and every tampering gives both the same verdict
 * and the same problems. Deno runs the page module as is (it touches no DOM).
 */
import assert from "node:assert/strict";
import {
  type Beacon,
  beaconOf,
  buildProof,
  fromHex,
  type Proof,
  toHex,
  verifyProof,
} from "../../core/drawings/draw/mod.ts";
import { verifyQuicknetSignature } from "../../integrations/drand/quicknet.ts";
import vectors from "../unit/core/drawings/fitdraw_v1_vectors.json" with { type: "json" };
import { verifyProof as verifyInBrowser } from "../../static/test/js/drawing-verifier.js";

type Vector = typeof vectors[number] & { beacon?: Beacon };

function proofOf(v: Vector, forfeits: Proof["forfeits"] = []): Proof {
  return buildProof({
    drawingId: v.drawing_id,
    seed: fromHex(v.seed),
    leaves: v.leaves,
    prizes: v.prizes,
    perUserCap: v.per_user_cap,
    alternates: v.alternate_count,
    forfeits,
    beacon: v.beacon ?? null,
  });
}

async function bothVerdicts(proof: unknown, leaves: Vector["leaves"]) {
  const server = verifyProof(proof, leaves, { checkBeaconSignature: verifyQuicknetSignature });
  const page = await verifyInBrowser(proof, leaves);
  assert.deepEqual(page.problems, server.problems, "same problems in the page and the server");
  assert.equal(page.ok, server.ok);
  return page;
}

Deno.test("drawing-verifier.js - every fixed vector verifies with the expected winners", async () => {
  for (const v of vectors as Vector[]) {
    const proof = proofOf(v);
    assert.equal(proof.key, v.expected.key, v.name);
    const verdict = await bothVerdicts(proof, v.leaves);
    assert.equal(verdict.ok, true, `${v.name}: ${verdict.problems.join("; ")}`);
    assert.deepEqual(
      verdict.winners,
      v.expected.candidates.filter((c) => c.outcome === "won")
        .map((c) => ({ ticket_number: c.ticket_number, prize_rank: c.prize_rank })),
      v.name,
    );
  }
});

Deno.test("drawing-verifier.js - forfeits replay to the same alternate as the server", async () => {
  const v = vectors.find((x) => x.leaves.length > 3 && x.alternate_count > 0)!;
  const first = proofOf(v).candidates.find((c) => c.outcome === "won")!;
  const proof = proofOf(v, [{
    position: first.position,
    reason: "declined",
    at: "2027-01-01T00:00:00Z",
  }]);
  const verdict = await bothVerdicts(proof, v.leaves);
  assert.equal(verdict.ok, true, verdict.problems.join("; "));
  assert.deepEqual(
    verdict.winners,
    proof.candidates.filter((c) => c.outcome === "won")
      .map((c) => ({ ticket_number: c.ticket_number, prize_rank: c.prize_rank })),
  );
  assert.ok(proof.candidates.some((c) => c.outcome === "forfeited"));
});

Deno.test("drawing-verifier.js - tampered proofs and leaf lists fail exactly as on the server", async () => {
  const v = vectors.find((x) => x.leaves.length >= 12)!;
  const good = proofOf(v);
  const swap = structuredClone(good);
  [swap.candidates[0].ticket_number, swap.candidates[1].ticket_number] = [
    swap.candidates[1].ticket_number,
    swap.candidates[0].ticket_number,
  ];
  const cases: [string, unknown, Vector["leaves"]][] = [
    ["swapped winners", swap, v.leaves],
    ["other seed", { ...good, seed: "11".repeat(32) }, v.leaves],
    ["other key", { ...good, key: "22".repeat(32) }, v.leaves],
    ["other root", { ...good, merkle_root: "33".repeat(32) }, v.leaves],
    ["count", { ...good, ticket_count: good.ticket_count + 1 }, v.leaves],
    ["one leaf dropped", good, v.leaves.slice(1)],
    [
      "owner changed",
      good,
      v.leaves.map((l, i) => i === 2 ? { ...l, pseudonym: "44".repeat(32) } : l),
    ],
    ["cap raised", { ...good, per_user_cap: good.per_user_cap + 5 }, v.leaves],
  ];
  for (const [name, proof, leaves] of cases) {
    const verdict = await bothVerdicts(proof, leaves);
    assert.equal(verdict.ok, false, name);
  }
  // core's verifyProof throws on a forfeit of a non-winner; the page reports it as a problem.
  const badForfeit = {
    ...good,
    forfeits: [{ position: 999, reason: "x", at: "2027-01-01T00:00:00Z" }],
  };
  const verdict = await verifyInBrowser(badForfeit, v.leaves);
  assert.equal(verdict.ok, false);
  assert.deepEqual(verdict.problems, ["Invalid forfeit: position 999 is not a current winner"]);
});

Deno.test("drawing-verifier.js - the drand beacon: the real round verifies; a flipped signature byte or a wrong chain fails as on the server", async () => {
  const v = (vectors as Vector[]).find((x) => x.beacon)!;
  const good = proofOf(v);
  assert.equal((await bothVerdicts(good, v.leaves)).ok, true);
  const signature = fromHex(v.beacon!.signature);
  signature[3] ^= 0x01;
  const cases: [string, unknown][] = [
    ["flipped signature byte", {
      ...good,
      beacon: { ...good.beacon!, signature: toHex(signature) },
    }],
    ["forged round, consistent randomness", {
      ...good,
      beacon: beaconOf(1000, toHex(signature)),
    }],
    ["other chain", { ...good, beacon: { ...good.beacon!, chain_hash: "55".repeat(32) } }],
    ["beacon removed", { ...good, beacon: null }],
  ];
  for (const [name, proof] of cases) {
    const verdict = await bothVerdicts(proof, v.leaves);
    assert.equal(verdict.ok, false, name);
  }
});

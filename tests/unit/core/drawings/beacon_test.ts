import assert from "node:assert/strict";
import {
  beaconOf,
  beaconProblems,
  buildProof,
  fromHex,
  pinnedRound,
  type ProofLeaf,
  QUICKNET,
  roundAt,
  roundTime,
  toHex,
  verifyProof,
} from "../../../../core/drawings/draw/mod.ts";
import { verifyQuicknetSignature } from "../../../../integrations/drand/quicknet.ts";
import vectors from "./fitdraw_v1_vectors.json" with { type: "json" };

/** Round 1000 of drand quicknet, as published (fair-drawings.md). */
const ROUND_1000 = {
  round: 1000,
  signature:
    "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39",
  randomness: "fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd",
};

function flipped(hex: string, at: number): string {
  const bytes = fromHex(hex);
  bytes[at] ^= 0x01;
  return toHex(bytes);
}

Deno.test("verifyQuicknetSignature() - the real round 1000 verifies against the pinned key", () => {
  assert.equal(verifyQuicknetSignature(1000, fromHex(ROUND_1000.signature)), true);
});

Deno.test("verifyQuicknetSignature() - a flipped byte, or another round's message, does not verify", () => {
  for (const at of [0, 10, 47]) {
    assert.equal(verifyQuicknetSignature(1000, fromHex(flipped(ROUND_1000.signature, at))), false);
  }
  assert.equal(verifyQuicknetSignature(1001, fromHex(ROUND_1000.signature)), false);
  assert.equal(verifyQuicknetSignature(1000, new Uint8Array(48)), false);
});

Deno.test("beaconOf() - randomness is SHA-256 of the signature", () => {
  const beacon = beaconOf(1000, ROUND_1000.signature);
  assert.equal(beacon.randomness, ROUND_1000.randomness);
  assert.equal(beacon.chain_hash, QUICKNET.chainHash);
  assert.deepEqual(beaconProblems(beacon, 1000, verifyQuicknetSignature), []);
});

Deno.test("beaconProblems() - names a wrong chain, round, randomness and signature", () => {
  const beacon = beaconOf(1000, ROUND_1000.signature);
  const problems = beaconProblems(
    { ...beacon, chain_hash: "00".repeat(32), randomness: "11".repeat(32) },
    999,
    verifyQuicknetSignature,
  );
  assert.equal(problems.length, 3, problems.join("\n"));
  assert.match(problems.join("\n"), /not drand quicknet/);
  assert.match(problems.join("\n"), /not the pinned round 999/);
  assert.match(problems.join("\n"), /randomness is not SHA-256/);
  const forged = beaconOf(1000, flipped(ROUND_1000.signature, 5));
  assert.deepEqual(beaconProblems(forged, 1000, verifyQuicknetSignature), [
    "beacon signature of round 1000 does not verify",
  ]);
});

Deno.test("roundAt() / pinnedRound() - quicknet's 3 s clock from genesis", () => {
  assert.equal(roundAt(new Date(QUICKNET.genesisSeconds * 1000)), 1);
  assert.equal(roundAt(new Date((QUICKNET.genesisSeconds + 2) * 1000)), 1);
  assert.equal(roundAt(new Date((QUICKNET.genesisSeconds + 3) * 1000)), 2);
  assert.equal(roundTime(1000).getTime(), (QUICKNET.genesisSeconds + 2997) * 1000);
  const close = new Date("2027-01-10T19:55:00Z");
  assert.ok(roundTime(pinnedRound(close)) > close, "the pinned round is published after close");
});

Deno.test("verifyProof() - a proof with the real beacon verifies; a tampered signature fails", () => {
  const v = vectors[1];
  const proof = buildProof({
    drawingId: v.drawing_id,
    seed: fromHex(v.seed),
    leaves: v.leaves as ProofLeaf[],
    prizes: v.prizes,
    perUserCap: v.per_user_cap,
    alternates: v.alternate_count,
    beacon: beaconOf(1000, ROUND_1000.signature),
  });
  const check = { checkBeaconSignature: verifyQuicknetSignature };
  assert.deepEqual(verifyProof(proof, v.leaves as ProofLeaf[], check), { ok: true, problems: [] });
  assert.notEqual(proof.key, v.expected.key, "the beacon changes the key");

  // Signature swapped for a forged one, randomness kept consistent with it.
  const forged = { ...proof, beacon: beaconOf(1000, flipped(ROUND_1000.signature, 20)) };
  const verdict = verifyProof(forged, v.leaves as ProofLeaf[], check);
  assert.equal(verdict.ok, false);
  assert.ok(verdict.problems.includes("beacon signature of round 1000 does not verify"));

  // Without a BLS verifier a beacon proof is not accepted on trust.
  const unchecked = verifyProof(proof, v.leaves as ProofLeaf[]);
  assert.equal(unchecked.ok, false);
  assert.match(unchecked.problems[0], /not checked/);
});

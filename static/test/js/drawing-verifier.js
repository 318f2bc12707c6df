/**
 * fitdraw-v1 verifier for the browser, on Web Crypto: recomputes a drawing's
 * commitment check, drand beacon (BLS, offline), Merkle root, key and candidate order from the published
 * proof and leaf list alone. It mirrors core/drawings/draw/** (the server's
 * synchronous implementation) step for step, so a page visitor need not trust
 * the server's own verdict. tests/e2e/drawing_verifier_test.ts runs both on the
 * fixed vectors and tampered copies and requires the same answers;
 * tests/e2e/test_page_drawings_test.ts verifies a real drawing in Chromium.
 *
 * @module
 */
import {
  ALGORITHM,
  drawCandidates,
  drawKey,
  fromHex,
  leafHashes,
  merkleRoot,
  sha256,
  toHex,
} from "./fitdraw.js";
import { beaconProblems, beaconShapeProblems } from "./drand.js";

const HEX32 = /^[0-9a-f]{64}$/;
const OUTCOMES = ["won", "skipped_cap", "alternate", "forfeited"];

/** The award replayed as core/drawings/draw/select.ts does it: prizes by rank, the cap, alternates, forfeits. */
async function selectWinners(proof, key, leaves) {
  const slots = [...proof.prizes].sort((a, b) => a.rank - b.rank)
    .flatMap((p) => Array(p.quantity).fill(p.rank));
  const owner = (n) => leaves[n - 1].pseudonym;
  const held = new Map();
  const count = (n) => held.get(owner(n)) ?? 0;
  const bump = (n, by) => held.set(owner(n), count(n) + by);
  const picks = [];
  let filled = 0, alternates = 0;
  const wanted = () => !(filled === slots.length && alternates >= proof.alternate_count);
  await drawCandidates(key, leaves.length, wanted, (ticket) => {
    const pick = {
      position: picks.length,
      ticket_number: ticket,
      outcome: "skipped_cap",
      prize_rank: null,
    };
    if (count(ticket) < proof.per_user_cap) {
      if (filled < slots.length) {
        pick.outcome = "won";
        pick.prize_rank = slots[filled++];
        bump(ticket, 1);
      } else {
        pick.outcome = "alternate";
        alternates++;
      }
    }
    picks.push(pick);
  });
  for (const { position } of proof.forfeits) {
    const lost = picks[position];
    if (!lost || lost.outcome !== "won") {
      throw new Error(`Invalid forfeit: position ${position} is not a current winner`);
    }
    lost.outcome = "forfeited";
    bump(lost.ticket_number, -1);
    const next = picks.find((p) =>
      p.outcome === "alternate" && count(p.ticket_number) < proof.per_user_cap
    );
    if (next) {
      next.outcome = "won";
      next.prize_rank = lost.prize_rank;
      bump(next.ticket_number, 1);
    }
  }
  return picks;
}

/** The fields the checks read, with their types; the server's zod schema checks the rest. */
function shapeProblems(proof) {
  if (!proof || typeof proof !== "object") return ["proof: must be an object"];
  const problems = [];
  if (proof.algorithm !== ALGORITHM) problems.push(`algorithm: must be ${ALGORITHM}`);
  for (const field of ["commitment", "seed", "merkle_root", "key"]) {
    if (!HEX32.test(String(proof[field]))) {
      problems.push(`${field}: must be 64 lowercase hex digits`);
    }
  }
  if (typeof proof.drawing_id !== "string" || proof.drawing_id.length !== 36) {
    problems.push("drawing_id: must be a UUID");
  }
  for (const field of ["ticket_count", "per_user_cap", "alternate_count"]) {
    if (!Number.isInteger(proof[field])) problems.push(`${field}: must be an integer`);
  }
  for (const field of ["prizes", "forfeits", "candidates"]) {
    if (!Array.isArray(proof[field])) problems.push(`${field}: must be an array`);
  }
  if (
    Array.isArray(proof.candidates) && proof.candidates.some((c) => !OUTCOMES.includes(c?.outcome))
  ) {
    problems.push(`candidates: outcome must be one of ${OUTCOMES.join(", ")}`);
  }
  problems.push(...beaconShapeProblems(proof.beacon));
  return problems;
}

function canonical(c) {
  return [
    c.position,
    c.ticket_number,
    c.ticket_id,
    c.pseudonym,
    c.leaf_hash,
    c.outcome,
    c.prize_rank,
  ]
    .join("|");
}

/**
 * Recomputes a drawing from its published proof and leaf list; every
 * difference is a problem (the same checks, in the same order, as core's verifyProof).
 *
 * @param {unknown} proof  GET /api/v1/drawings/{id}/proof
 * @param {{ticket_number: number, ticket_id: string, pseudonym: string}[]} leaves  every page of .../proof/leaves
 * @returns {Promise<{ok: boolean, problems: string[], winners: {ticket_number: number, prize_rank: number}[]}>}
 */
export async function verifyProof(proof, leaves) {
  const shape = shapeProblems(proof);
  if (shape.length) return { ok: false, problems: shape, winners: [] };
  const problems = [];
  const seed = fromHex(proof.seed);
  if (toHex(await sha256(seed)) !== proof.commitment) {
    problems.push("seed does not match the commitment published at scheduling");
  }
  if (proof.beacon) problems.push(...await beaconProblems(proof.beacon));
  if (leaves.length !== proof.ticket_count) {
    problems.push(`leaf list has ${leaves.length} tickets, proof says ${proof.ticket_count}`);
  }
  let hashes;
  try {
    hashes = await leafHashes(leaves);
  } catch (error) {
    return { ok: false, problems: [...problems, error.message], winners: [] };
  }
  const root = await merkleRoot(hashes);
  if (toHex(root) !== proof.merkle_root) {
    problems.push("merkle root of the leaf list differs from the published root");
  }
  const key = await drawKey(proof, seed, root, leaves.length);
  if (toHex(key) !== proof.key) problems.push("key does not follow from the published inputs");
  let picks;
  try {
    picks = await selectWinners(proof, key, leaves);
  } catch (error) {
    return { ok: false, problems: [...problems, error.message], winners: [] };
  }
  const again = picks.map((p) => {
    const leaf = leaves[p.ticket_number - 1];
    return canonical({ ...p, ...leaf, leaf_hash: toHex(hashes[p.ticket_number - 1]) });
  });
  const published = proof.candidates.map(canonical);
  const at = again.findIndex((c, i) => c !== published[i]);
  if (at >= 0 || again.length !== published.length) {
    problems.push(
      `candidates differ from the recomputed draw (first at position ${
        at >= 0 ? at : published.length
      })`,
    );
  }
  const winners = picks.filter((p) => p.outcome === "won")
    .map((p) => ({ ticket_number: p.ticket_number, prize_rank: p.prize_rank }));
  return { ok: problems.length === 0, problems, winners };
}

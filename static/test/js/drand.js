/**
 * The drand beacon checks of the browser verifier, mirroring
 * core/drawings/draw/beacon.ts: the pinned quicknet chain, randomness =
 * SHA-256(signature), and the BLS signature of the round verified offline
 * against the pinned public key (noble's BLS12-381, bundled in vendor/ and
 * loaded only for a drawing that used a beacon).
 *
 * @module
 */
import { fromHex, sha256, toHex, u64be } from "./fitdraw.js";

export const QUICKNET = {
  chainHash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
  publicKey: "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c" +
    "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb" +
    "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
  dst: "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_",
};

/** Shape problems of a published beacon (null is fine: no beacon), worded as the server's schema. */
export function beaconShapeProblems(beacon) {
  if (beacon === null) return [];
  if (!beacon || typeof beacon !== "object") return ["beacon: must be an object or null"];
  const problems = [];
  const hex = (field, digits) => {
    if (!new RegExp(`^[0-9a-f]{${digits}}$`).test(String(beacon[field]))) {
      problems.push(`beacon.${field}: must be ${digits} lowercase hex digits`);
    }
  };
  hex("chain_hash", 64);
  if (!Number.isInteger(beacon.round) || beacon.round < 1) {
    problems.push("beacon.round: must be a positive integer");
  }
  hex("signature", 96);
  hex("randomness", 64);
  return problems;
}

/** Every reason `beacon` is not a genuine quicknet round (empty when it is). */
export async function beaconProblems(beacon) {
  const { verifyShortSignature } = await import("../vendor/noble-bls12-381.js");
  const problems = [];
  if (beacon.chain_hash !== QUICKNET.chainHash) {
    problems.push(`beacon is from chain ${beacon.chain_hash}, not drand quicknet`);
  }
  const signature = fromHex(beacon.signature);
  if (toHex(await sha256(signature)) !== beacon.randomness) {
    problems.push("beacon randomness is not SHA-256 of its signature");
  }
  const message = await sha256(u64be(beacon.round));
  if (!verifyShortSignature(signature, message, fromHex(QUICKNET.publicKey), QUICKNET.dst)) {
    problems.push(`beacon signature of round ${beacon.round} does not verify`);
  }
  return problems;
}

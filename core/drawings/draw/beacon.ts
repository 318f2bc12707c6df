/**
 * The optional drand beacon of fitdraw-v1 (docs/adr/0018-drand-beacon-and-recurring-drawings.md):
 * the pinned quicknet chain, which round falls after a time, and the checks a
 * published beacon must pass. The BLS pairing check itself needs an elliptic
 * curve library, which core may not import, so it comes in as a function
 * ({@link BeaconSignatureCheck}); `integrations/drand/quicknet.ts` provides it.
 *
 * @module
 */
import { z } from "zod";
import { fromHex, toHex, u64be } from "./bytes.ts";
import { sha256 } from "./sha256.ts";

/** drand quicknet, pinned: a beacon from any other chain is refused. */
export const QUICKNET = {
  chainHash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
  publicKey: "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c" +
    "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb" +
    "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
  dst: "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_",
  genesisSeconds: 1692803367,
  periodSeconds: 3,
} as const;

/**
 * Rounds between sales close and the pinned round (10 rounds = 30 s): the
 * round is published only after the ticket list is frozen, so nobody knows
 * its randomness while tickets can still be bought.
 */
export const ROUNDS_AFTER_CLOSE = 10;

export const BeaconSchema = z.object({
  chain_hash: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
  round: z.number().int().min(1),
  /** The 48-byte G1 signature, hex. */
  signature: z.string().regex(/^[0-9a-f]{96}$/, "must be 96 lowercase hex digits"),
  /** `SHA-256(signature)`, hex. */
  randomness: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
});
export type Beacon = z.infer<typeof BeaconSchema>;

/** Whether `signature` is the chain's BLS signature of round `round` (offline pairing check). */
export type BeaconSignatureCheck = (round: number, signature: Uint8Array) => boolean;

/**
 * The quicknet round published at or just after `time`:
 * `floor((t - genesis) / period) + 1`.
 *
 * @example roundAt(new Date(1692803367_000)) // 1
 */
export function roundAt(time: Date): number {
  const elapsed = Math.floor(time.getTime() / 1000) - QUICKNET.genesisSeconds;
  return Math.max(1, Math.floor(elapsed / QUICKNET.periodSeconds) + 1);
}

/** When round `round` is published. */
export function roundTime(round: number): Date {
  return new Date((QUICKNET.genesisSeconds + (round - 1) * QUICKNET.periodSeconds) * 1000);
}

/** The round a drawing pins at scheduling: {@link ROUNDS_AFTER_CLOSE} after its sales close. */
export function pinnedRound(ticketSalesClose: Date): number {
  return roundAt(ticketSalesClose) + ROUNDS_AFTER_CLOSE;
}

/** What the chain signs for round `round` (unchained scheme): `SHA-256(u64be(round))`. */
export function roundMessage(round: number): Uint8Array {
  return sha256(u64be(round));
}

/** A fetched round as a published beacon, its randomness recomputed from the signature. */
export function beaconOf(round: number, signatureHex: string): Beacon {
  return {
    chain_hash: QUICKNET.chainHash,
    round,
    signature: signatureHex.toLowerCase(),
    randomness: toHex(sha256(fromHex(signatureHex))),
  };
}

/**
 * Every reason `beacon` is not the pinned quicknet round `expectedRound`
 * (empty when it is): chain, round, randomness = SHA-256(signature), and the
 * BLS signature under the pinned public key.
 */
export function beaconProblems(
  beacon: Beacon,
  expectedRound: number,
  checkSignature: BeaconSignatureCheck,
): string[] {
  const problems: string[] = [];
  if (beacon.chain_hash !== QUICKNET.chainHash) {
    problems.push(`beacon is from chain ${beacon.chain_hash}, not drand quicknet`);
  }
  if (beacon.round !== expectedRound) {
    problems.push(`beacon round ${beacon.round} is not the pinned round ${expectedRound}`);
  }
  const signature = fromHex(beacon.signature);
  if (toHex(sha256(signature)) !== beacon.randomness) {
    problems.push("beacon randomness is not SHA-256 of its signature");
  }
  if (!checkSignature(beacon.round, signature)) {
    problems.push(`beacon signature of round ${beacon.round} does not verify`);
  }
  return problems;
}

/**
 * fitdraw-v1: verifiable winner selection (see docs/adr/0012-verifiable-selection.md).
 * Pure and synchronous; the server, the CLI, scripts/verify-drawing.ts and the
 * browser verifier all import this module.
 *
 * @module
 */
export { fromHex, toHex, u64be, uuid16 } from "./bytes.ts";
export { hmacSha256, sha256 } from "./sha256.ts";
export { inclusionProof, leafHash, merkleRoot, rootFromProof } from "./merkle.ts";
export { ALGORITHM, candidateOrder, drawKey, uniform, valueStream } from "./stream.ts";
export { type Pick, type PrizeSlots, selectWinners } from "./select.ts";
export {
  type Beacon,
  beaconOf,
  beaconProblems,
  BeaconSchema,
  type BeaconSignatureCheck,
  pinnedRound,
  QUICKNET,
  roundAt,
  roundMessage,
  roundTime,
} from "./beacon.ts";
export {
  buildProof,
  commitmentOf,
  leafHashes,
  type Proof,
  type ProofLeaf,
  ProofLeafSchema,
  ProofSchema,
  pseudonymizer,
  type Verdict,
  type VerifyOptions,
  verifyProof,
} from "./proof.ts";

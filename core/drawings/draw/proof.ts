/**
 * The published proof of a fitdraw-v1 drawing: building it on the server and
 * checking it anywhere from the proof and the leaf list alone. Both sides run
 * the same functions, so a verifier cannot drift from the server.
 *
 * @module
 */
import { z } from "zod";
import { fromHex, sameBytes, toHex, uuid16 } from "./bytes.ts";
import { leafHash, merkleRoot } from "./merkle.ts";
import { selectWinners } from "./select.ts";
import { hmacSha256, sha256 } from "./sha256.ts";
import { ALGORITHM, drawKey } from "./stream.ts";
import { type Beacon, beaconProblems, BeaconSchema, type BeaconSignatureCheck } from "./beacon.ts";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");

export const ProofLeafSchema = z.object({
  ticket_number: z.number().int().min(1),
  ticket_id: z.uuid(),
  pseudonym: hex32,
});
export type ProofLeaf = z.infer<typeof ProofLeafSchema>;

export const ForfeitSchema = z.object({
  position: z.number().int().min(0),
  reason: z.string(),
  at: z.string(),
});

export const CandidateSchema = ProofLeafSchema.extend({
  position: z.number().int().min(0),
  leaf_hash: hex32,
  outcome: z.enum(["won", "skipped_cap", "alternate", "forfeited"]),
  prize_rank: z.number().int().nullable(),
});

export const ProofSchema = z.object({
  algorithm: z.literal(ALGORITHM),
  drawing_id: z.uuid(),
  commitment: hex32,
  seed: hex32,
  /** The drand round pinned at scheduling, or null for a drawing without a beacon. */
  beacon: BeaconSchema.nullable(),
  ticket_count: z.number().int().min(0),
  merkle_root: hex32,
  key: hex32,
  per_user_cap: z.number().int().min(1),
  alternate_count: z.number().int().min(0),
  prizes: z.array(z.object({ rank: z.number().int(), quantity: z.number().int().min(1) })),
  forfeits: z.array(ForfeitSchema),
  candidates: z.array(CandidateSchema),
});
export type Proof = z.infer<typeof ProofSchema>;

/** Everything the proof is computed from. */
export interface DrawInput {
  drawingId: string;
  seed: Uint8Array;
  /** Tickets 1..N in order. */
  leaves: readonly ProofLeaf[];
  prizes: readonly { rank: number; quantity: number }[];
  perUserCap: number;
  alternates: number;
  forfeits?: readonly z.infer<typeof ForfeitSchema>[];
  /** The verified beacon round, when the drawing pinned one. */
  beacon?: Beacon | null;
}

/** `C = SHA-256(S)` as hex: published when a drawing is scheduled. */
export function commitmentOf(seed: Uint8Array): string {
  return toHex(sha256(seed));
}

/**
 * The per-drawing pseudonym function `userId → HMAC(pseudonymKey, uuid16(userId))` (hex):
 * owners are comparable for the cap, never identifiable from the proof.
 */
export function pseudonymizer(pseudonymKey: Uint8Array): (userId: string) => string {
  const mac = hmacSha256(pseudonymKey);
  const memo = new Map<string, string>();
  return (userId) => {
    let hex = memo.get(userId);
    if (hex === undefined) memo.set(userId, hex = toHex(mac(uuid16(userId))));
    return hex;
  };
}

/** Leaf hashes of tickets 1..N, checking the numbering is exactly 1..N. */
export function leafHashes(leaves: readonly ProofLeaf[]): Uint8Array[] {
  return leaves.map((leaf, i) => {
    if (leaf.ticket_number !== i + 1) {
      throw new Error(`Invalid ticket list: position ${i + 1} holds ticket ${leaf.ticket_number}`);
    }
    return leafHash({ ...leaf, pseudonym: fromHex(leaf.pseudonym) });
  });
}

/**
 * Runs the draw and returns its proof.
 *
 * @example buildProof({ drawingId, seed, leaves, prizes: [{ rank: 1, quantity: 1 }], perUserCap: 1, alternates: 3 })
 */
export function buildProof(input: DrawInput, hashes = leafHashes(input.leaves)): Proof {
  const root = merkleRoot(hashes);
  const key = drawKey({
    drawingId: input.drawingId,
    seed: input.seed,
    merkleRoot: root,
    ticketCount: input.leaves.length,
    beaconRound: input.beacon?.round ?? 0,
    beaconRandomness: input.beacon ? fromHex(input.beacon.randomness) : new Uint8Array(32),
  });
  const forfeits = [...(input.forfeits ?? [])];
  const picks = selectWinners({
    key,
    ticketCount: input.leaves.length,
    pseudonymOf: (n) => input.leaves[n - 1].pseudonym,
    prizes: input.prizes,
    perUserCap: input.perUserCap,
    alternates: input.alternates,
    forfeits: forfeits.map((f) => f.position),
  });
  return {
    algorithm: ALGORITHM,
    drawing_id: input.drawingId,
    commitment: commitmentOf(input.seed),
    seed: toHex(input.seed),
    beacon: input.beacon ?? null,
    ticket_count: input.leaves.length,
    merkle_root: toHex(root),
    key: toHex(key),
    per_user_cap: input.perUserCap,
    alternate_count: input.alternates,
    prizes: input.prizes.map((p) => ({ rank: p.rank, quantity: p.quantity })),
    forfeits,
    candidates: picks.map((p) => {
      const leaf = input.leaves[p.ticket_number - 1];
      return { ...p, ...leaf, leaf_hash: toHex(hashes[p.ticket_number - 1]) };
    }),
  };
}

/** A candidate as one string with a fixed field order, for comparison. */
function canonical(c: z.infer<typeof CandidateSchema>): string {
  return [
    c.position,
    c.ticket_number,
    c.ticket_id,
    c.pseudonym,
    c.leaf_hash,
    c.outcome,
    c.prize_rank,
  ].join("|");
}

export interface Verdict {
  ok: boolean;
  problems: string[];
}

export interface VerifyOptions {
  /**
   * The BLS check of a beacon signature (`integrations/drand/quicknet.ts`). A
   * proof with a beacon does not verify without it: an unchecked beacon could
   * be any 48 bytes the operator chose.
   */
  checkBeaconSignature?: BeaconSignatureCheck;
}

/**
 * Recomputes a drawing from its published proof and leaf list; every
 * difference is a problem. A tampered ticket, seed, count, order or beacon fails.
 */
export function verifyProof(
  published: unknown,
  leaves: readonly ProofLeaf[],
  options: VerifyOptions = {},
): Verdict {
  const parsed = ProofSchema.safeParse(published);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    };
  }
  const proof = parsed.data;
  const problems: string[] = [];
  const seed = fromHex(proof.seed);
  if (!sameBytes(sha256(seed), fromHex(proof.commitment))) {
    problems.push("seed does not match the commitment published at scheduling");
  }
  if (proof.beacon) {
    problems.push(
      ...(options.checkBeaconSignature
        ? beaconProblems(proof.beacon, proof.beacon.round, options.checkBeaconSignature)
        : ["beacon signature was not checked (no BLS verifier given)"]),
    );
  }
  if (leaves.length !== proof.ticket_count) {
    problems.push(`leaf list has ${leaves.length} tickets, proof says ${proof.ticket_count}`);
  }
  let hashes: Uint8Array[];
  try {
    hashes = leafHashes(leaves);
  } catch (error) {
    return { ok: false, problems: [...problems, (error as Error).message] };
  }
  if (toHex(merkleRoot(hashes)) !== proof.merkle_root) {
    problems.push("merkle root of the leaf list differs from the published root");
  }
  let again: ReturnType<typeof buildProof>;
  try {
    again = buildProof({
      drawingId: proof.drawing_id,
      seed,
      leaves,
      prizes: proof.prizes,
      perUserCap: proof.per_user_cap,
      alternates: proof.alternate_count,
      forfeits: proof.forfeits,
      beacon: proof.beacon,
    }, hashes);
  } catch (error) {
    // A tampered proof (e.g. a forfeit of a non-winner) fails verification; it never crashes it.
    return { ok: false, problems: [...problems, (error as Error).message] };
  }
  if (again.key !== proof.key) problems.push("key does not follow from the published inputs");
  const a = again.candidates.map(canonical), b = proof.candidates.map(canonical);
  const at = a.findIndex((c, i) => c !== b[i]);
  if (at >= 0 || a.length !== b.length) {
    problems.push(
      `candidates differ from the recomputed draw (first at position ${at >= 0 ? at : b.length})`,
    );
  }
  return { ok: problems.length === 0, problems };
}

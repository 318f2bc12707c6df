/**
 * Verifies a fitdraw-v1 drawing from its published JSON alone: recomputes the
 * commitment check, the drand beacon's BLS signature (offline, against the
 * pinned quicknet key), the Merkle root of the leaf list, the key and every
 * candidate, and says whether they match. Exit code 0 = verified, 1 = not.
 *
 *   deno run --allow-net scripts/verify-drawing.ts --url http://localhost:8000 --id DRAWING_ID
 *   deno run --allow-read scripts/verify-drawing.ts --proof proof.json --leaves leaves.json
 *   deno run --allow-read scripts/verify-drawing.ts --vectors tests/unit/core/drawings/fitdraw_v1_vectors.json
 *
 * `--leaves` takes a JSON array of {ticket_number, ticket_id, pseudonym} or
 * the {items: [...]} page the API answers.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type Beacon,
  leafHashes,
  type ProofLeaf,
  toHex,
  verifyProof,
} from "../core/drawings/draw/mod.ts";
import { verifyQuicknetSignature } from "../integrations/drand/quicknet.ts";

interface Vector {
  name: string;
  drawing_id: string;
  seed: string;
  leaves: ProofLeaf[];
  prizes: { rank: number; quantity: number }[];
  per_user_cap: number;
  alternate_count: number;
  /** The drand round mixed into the key, when the vector uses one. */
  beacon?: Beacon | null;
  expected: {
    commitment: string;
    merkle_root: string;
    key: string;
    candidates: {
      position: number;
      ticket_number: number;
      outcome: string;
      prize_rank: number | null;
    }[];
  };
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  }
  return await response.json();
}

async function fromServer(
  base: string,
  id: string,
): Promise<{ proof: unknown; leaves: ProofLeaf[] }> {
  const root = `${base.replace(/\/$/, "")}/api/v1/drawings/${id}`;
  const proof = await fetchJson(`${root}/proof`);
  const leaves: ProofLeaf[] = [];
  for (let page = 1;; page++) {
    const body = await fetchJson(`${root}/proof/leaves?page=${page}&per_page=10000`) as {
      items: ProofLeaf[];
      total: number;
    };
    leaves.push(...body.items);
    if (body.items.length === 0 || leaves.length >= body.total) break;
  }
  return { proof, leaves };
}

/** A vector's expectations written out as the proof the server would publish. */
function vectorProof(v: Vector): unknown {
  const hashes = leafHashes(v.leaves);
  return {
    algorithm: "fitdraw-v1",
    drawing_id: v.drawing_id,
    commitment: v.expected.commitment,
    seed: v.seed,
    beacon: v.beacon ?? null,
    ticket_count: v.leaves.length,
    merkle_root: v.expected.merkle_root,
    key: v.expected.key,
    per_user_cap: v.per_user_cap,
    alternate_count: v.alternate_count,
    prizes: v.prizes,
    forfeits: [],
    candidates: v.expected.candidates.map((c) => ({
      ...c,
      ...v.leaves[c.ticket_number - 1],
      leaf_hash: toHex(hashes[c.ticket_number - 1]),
    })),
  };
}

function report(label: string, proof: unknown, leaves: ProofLeaf[]): boolean {
  const verdict = verifyProof(proof, leaves, { checkBeaconSignature: verifyQuicknetSignature });
  const p = proof as {
    ticket_count?: number;
    candidates?: { outcome: string; ticket_number: number; prize_rank: number | null }[];
  };
  if (verdict.ok) {
    const winners = (p.candidates ?? []).filter((c) => c.outcome === "won")
      .map((c) => `#${c.ticket_number} (prize rank ${c.prize_rank})`);
    console.log(
      `VERIFIED ${label}: ${p.ticket_count} tickets; winners ${winners.join(", ") || "none"}`,
    );
  } else {
    console.log(`NOT VERIFIED ${label}:\n${verdict.problems.map((x) => `  - ${x}`).join("\n")}`);
  }
  return verdict.ok;
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    url: { type: "string" },
    id: { type: "string" },
    proof: { type: "string" },
    leaves: { type: "string" },
    vectors: { type: "string" },
  },
});

let ok: boolean;
if (values.vectors) {
  const vectors = JSON.parse(await Deno.readTextFile(values.vectors)) as Vector[];
  ok = vectors.map((v) => report(`vector "${v.name}"`, vectorProof(v), v.leaves)).every(Boolean);
} else if (values.proof && values.leaves) {
  const proof = JSON.parse(await Deno.readTextFile(values.proof));
  const raw = JSON.parse(await Deno.readTextFile(values.leaves));
  ok = report(values.proof, proof, Array.isArray(raw) ? raw : raw.items);
} else if (values.url && values.id) {
  const { proof, leaves } = await fromServer(values.url, values.id);
  ok = report(`drawing ${values.id}`, proof, leaves);
} else {
  console.error(
    "Usage: verify-drawing.ts --url BASE --id DRAWING_ID | --proof FILE --leaves FILE | --vectors FILE",
  );
  Deno.exit(2);
}
Deno.exit(ok ? 0 : 1);

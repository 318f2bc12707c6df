import assert from "node:assert/strict";
import {
  type Beacon,
  buildProof,
  candidateOrder,
  fromHex,
  hmacSha256,
  inclusionProof,
  leafHashes,
  merkleRoot,
  type ProofLeaf,
  pseudonymizer,
  rootFromProof,
  selectWinners,
  sha256,
  toHex,
  u64be,
  uuid16,
  verifyProof,
} from "../../../../core/drawings/draw/mod.ts";
import { verifyQuicknetSignature } from "../../../../integrations/drand/quicknet.ts";
import vectors from "./fitdraw_v1_vectors.json" with { type: "json" };

async function subtleSha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
}

async function subtleHmac(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    "raw",
    key.slice(),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [
      "sign",
    ],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, message.slice()));
}

function randomLeaves(n: number, owners = 7): ProofLeaf[] {
  const pseud = pseudonymizer(crypto.getRandomValues(new Uint8Array(32)));
  const users = Array.from({ length: owners }, () => crypto.randomUUID());
  return Array.from({ length: n }, (_, i) => ({
    ticket_number: i + 1,
    ticket_id: crypto.randomUUID(),
    pseudonym: pseud(users[i % owners]),
  }));
}

Deno.test("sha256() and hmacSha256() - agree with Web Crypto on every length 0..300", async () => {
  for (let len = 0; len <= 300; len++) {
    const data = crypto.getRandomValues(new Uint8Array(len));
    assert.equal(toHex(sha256(data)), toHex(await subtleSha256(data)), `length ${len}`);
    const key = crypto.getRandomValues(new Uint8Array(1 + (len % 80)));
    assert.equal(toHex(hmacSha256(key)(data)), toHex(await subtleHmac(key, data)), `hmac ${len}`);
  }
  assert.equal(
    toHex(sha256(new TextEncoder().encode("abc"))),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("merkleRoot() - RFC 6962 shape, and every inclusion proof checks out", async () => {
  assert.equal(toHex(merkleRoot([])), toHex(await subtleSha256()));
  for (const n of [1, 2, 3, 5, 8, 13]) {
    const hashes = leafHashes(randomLeaves(n));
    const root = merkleRoot(hashes);
    for (let i = 0; i < n; i++) {
      const path = inclusionProof(hashes, i);
      assert.deepEqual(rootFromProof(hashes[i], i, n, path), root, `n=${n} i=${i}`);
      if (n > 1) {
        const bad = path.map((p) => p.slice());
        bad[0][0] ^= 1;
        assert.notDeepEqual(rootFromProof(hashes[i], i, n, bad), root);
      }
    }
  }
  // Three leaves: root = H(1 || H(1 || a || b) || c), independently with Web Crypto.
  const [a, b, c] = leafHashes(randomLeaves(3));
  const one = new Uint8Array([1]);
  const expected = await subtleSha256(one, await subtleSha256(one, a, b), c);
  assert.equal(toHex(merkleRoot([a, b, c])), toHex(expected));
});

Deno.test("fitdraw-v1 - fixed test vectors: key, root and winners", async () => {
  for (const v of vectors as (typeof vectors[number] & { beacon?: Beacon })[]) {
    const proof = buildProof({
      drawingId: v.drawing_id,
      seed: fromHex(v.seed),
      leaves: v.leaves,
      prizes: v.prizes,
      perUserCap: v.per_user_cap,
      alternates: v.alternate_count,
      beacon: v.beacon ?? null,
    });
    assert.equal(proof.commitment, v.expected.commitment, v.name);
    assert.equal(proof.merkle_root, v.expected.merkle_root, v.name);
    assert.equal(proof.key, v.expected.key, v.name);
    assert.deepEqual(
      proof.candidates.map((c) => ({
        position: c.position,
        ticket_number: c.ticket_number,
        outcome: c.outcome,
        prize_rank: c.prize_rank,
      })),
      v.expected.candidates,
      v.name,
    );
    assert.deepEqual(
      verifyProof(proof, v.leaves, { checkBeaconSignature: verifyQuicknetSignature }),
      { ok: true, problems: [] },
      v.name,
    );
    // The key, independently: SHA-256 over the byte layout of fair-drawings.md.
    const key = await subtleSha256(
      new TextEncoder().encode("fitdraw-v1"),
      uuid16(v.drawing_id),
      fromHex(v.seed),
      fromHex(proof.merkle_root),
      u64be(v.leaves.length),
      u64be(v.beacon?.round ?? 0),
      v.beacon ? fromHex(v.beacon.randomness) : new Uint8Array(32),
    );
    assert.equal(toHex(key), v.expected.key);
    // First candidate, independently: first u64 of HMAC(K, u64be(0)) mod N (no rejection at these N).
    const block = await subtleHmac(key, u64be(0));
    const first = new DataView(block.buffer).getBigUint64(0) % BigInt(v.leaves.length);
    assert.equal(v.expected.candidates[0].ticket_number, Number(first) + 1);
  }
});

Deno.test("selectWinners() - prizes in rank order, cap respected, no ticket twice", () => {
  const leaves = randomLeaves(500, 20);
  for (let run = 0; run < 20; run++) {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const picks = selectWinners({
      key,
      ticketCount: leaves.length,
      pseudonymOf: (n) => leaves[n - 1].pseudonym,
      prizes: [{ rank: 2, quantity: 3 }, { rank: 1, quantity: 2 }],
      perUserCap: 1,
      alternates: 4,
    });
    const won = picks.filter((p) => p.outcome === "won");
    assert.deepEqual(won.map((p) => p.prize_rank), [1, 1, 2, 2, 2]);
    const owners = won.map((p) => leaves[p.ticket_number - 1].pseudonym);
    assert.equal(new Set(owners).size, 5, "one prize per person with cap 1");
    assert.equal(new Set(picks.map((p) => p.ticket_number)).size, picks.length);
    assert.equal(picks.filter((p) => p.outcome === "alternate").length, 4);
  }
});

Deno.test("selectWinners() - a forfeit passes the prize to the first alternate", () => {
  const leaves = randomLeaves(50, 50);
  const input = {
    key: crypto.getRandomValues(new Uint8Array(32)),
    ticketCount: 50,
    pseudonymOf: (n: number) => leaves[n - 1].pseudonym,
    prizes: [{ rank: 1, quantity: 2 }],
    perUserCap: 1,
    alternates: 2,
  };
  const before = selectWinners(input);
  const after = selectWinners({ ...input, forfeits: [1] });
  assert.equal(after[1].outcome, "forfeited");
  assert.equal(after[2].outcome, "won");
  assert.equal(after[2].prize_rank, 1);
  assert.equal(after[2].ticket_number, before[2].ticket_number);
  assert.throws(() => selectWinners({ ...input, forfeits: [1, 1] }), /not a current winner/);
});

Deno.test("candidateOrder() - uniform: chi-square over 20,000 draws of 20 tickets", () => {
  const n = 20, runs = 20_000;
  const first = new Array(n).fill(0);
  const third = new Array(n).fill(0);
  for (let r = 0; r < runs; r++) {
    const key = sha256(u64be(r), new TextEncoder().encode("uniformity"));
    const order = candidateOrder(key, n);
    first[order.next().value! - 1]++;
    order.next();
    third[order.next().value! - 1]++;
  }
  const expected = runs / n;
  for (const counts of [first, third]) {
    const chi2 = counts.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: P(chi2 > 43.82) = 0.001.
    assert.ok(chi2 < 43.82, `chi-square ${chi2.toFixed(2)} suggests bias: ${counts}`);
    const low = counts.slice(0, n / 2).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(low / runs - 0.5) < 0.02, `low half won ${low} of ${runs}`);
  }
});

Deno.test("verifyProof() - any tampering fails verification", () => {
  const leaves = randomLeaves(30, 6);
  const seed = crypto.getRandomValues(new Uint8Array(32));
  const proof = buildProof({
    drawingId: crypto.randomUUID(),
    seed,
    leaves,
    prizes: [{ rank: 1, quantity: 1 }, { rank: 2, quantity: 1 }],
    perUserCap: 1,
    alternates: 3,
  });
  assert.equal(verifyProof(proof, leaves).ok, true);
  const swapped = [...leaves];
  [swapped[3], swapped[4]] = [
    { ...swapped[4], ticket_number: 4 },
    { ...swapped[3], ticket_number: 5 },
  ];
  const cases: [string, unknown, ProofLeaf[]][] = [
    ["seed", { ...proof, seed: toHex(crypto.getRandomValues(new Uint8Array(32))) }, leaves],
    ["ticket count", { ...proof, ticket_count: 29 }, leaves],
    [
      "one ticket",
      proof,
      leaves.map((l, i) => i === 7 ? { ...l, ticket_id: crypto.randomUUID() } : l),
    ],
    ["order", proof, swapped],
    ["dropped ticket", proof, leaves.slice(0, 29)],
    // Another ticket than the one drawn (a fixed number would be the drawn one 1 time in 30).
    ["winner", {
      ...proof,
      candidates: proof.candidates.map((c, i) =>
        i === 0 ? { ...c, ticket_number: c.ticket_number % leaves.length + 1 } : c
      ),
    }, leaves],
  ];
  // One owner holding every ticket: cap 1 gives one winner, so a published cap of 2 cannot match.
  const solo = randomLeaves(10, 1);
  const soloProof = buildProof({
    drawingId: crypto.randomUUID(),
    seed,
    leaves: solo,
    prizes: [{ rank: 1, quantity: 2 }],
    perUserCap: 1,
    alternates: 1,
  });
  assert.equal(verifyProof(soloProof, solo).ok, true);
  cases.push(["cap", { ...soloProof, per_user_cap: 2 }, solo]);
  // A forfeit of a position that never won is a bad proof, reported rather than thrown.
  cases.push([
    "forfeit of a non-winner",
    {
      ...proof,
      forfeits: [{
        position: proof.candidates.length - 1,
        reason: "no reply",
        at: "2026-12-08T00:00:00.000Z",
      }],
    },
    leaves,
  ]);
  for (const [name, tampered, list] of cases) {
    const verdict = verifyProof(tampered, list);
    assert.equal(verdict.ok, false, `tampered ${name} passed`);
    assert.ok(verdict.problems.length > 0);
    if (name === "forfeit of a non-winner") {
      assert.match(verdict.problems.join(" "), /not a current winner/);
    }
  }
});

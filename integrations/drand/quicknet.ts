/**
 * The offline BLS check of a drand quicknet round (bls-unchained-g1-rfc9380):
 * short signatures on G1, the public key on G2, message SHA-256(u64be(round)).
 * Core's verifier takes this function as its beacon signature check.
 *
 * @module
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { fromHex, QUICKNET, roundMessage } from "../../core/drawings/draw/mod.ts";

const PUBLIC_KEY = fromHex(QUICKNET.publicKey);

/** True when `signature` is quicknet's signature of `round`; false for anything else. */
export function verifyQuicknetSignature(round: number, signature: Uint8Array): boolean {
  try {
    const short = bls12_381.shortSignatures;
    return short.verify(signature, short.hash(roundMessage(round), QUICKNET.dst), PUBLIC_KEY);
  } catch {
    // noble throws on bytes that are not a curve point (e.g. a flipped byte): not a signature.
    return false;
  }
}

/**
 * The execution-time half of the beacon: fetch the drawing's pinned drand
 * round and accept it only after its BLS signature verifies offline against
 * the pinned quicknet key.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { type Beacon, beaconOf, beaconProblems } from "./draw/mod.ts";
import type { Drawing } from "./schemas.ts";

/**
 * The verified beacon of `drawing` (which pins `beacon_round`). Throws
 * `service_unavailable` (503) naming the round and the reason when the beacon
 * is not configured, cannot be fetched (e.g. not published yet) or does not
 * verify; the caller leaves the drawing closed.
 */
export async function fetchVerifiedBeacon(deps: CoreDeps, drawing: Drawing): Promise<Beacon> {
  const round = drawing.beacon_round!;
  const stays = `drawing ${drawing.id} stays closed and will be retried`;
  if (!deps.beacon) {
    throw new DomainError(
      "service_unavailable",
      `Drawing ${drawing.id} pins drand round ${round}, but DRAND_URL is not set; ${stays}.`,
    );
  }
  let fetched: { round: number; signature: string };
  try {
    fetched = await deps.beacon.fetchRound(round);
  } catch (error) {
    throw new DomainError("service_unavailable", `${(error as Error).message}; ${stays}.`);
  }
  const beacon = /^[0-9a-fA-F]{96}$/.test(fetched.signature)
    ? beaconOf(fetched.round, fetched.signature)
    : null;
  const problems = beacon
    ? beaconProblems(beacon, round, deps.beacon.checkSignature)
    : ["the signature is not 48 bytes of hex"];
  if (!beacon || problems.length > 0) {
    throw new DomainError(
      "service_unavailable",
      `drand round ${round} was refused (${problems.join("; ")}); ${stays}.`,
    );
  }
  return beacon;
}

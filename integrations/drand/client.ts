/**
 * Fetching a drand quicknet round over HTTP (`DRAND_URL`, e.g.
 * https://api.drand.sh). The fetcher is injectable: our machines cannot reach
 * drand, so tests serve a real round from a local server. Nothing fetched is
 * trusted: the caller verifies the signature offline before using it.
 *
 * @module
 */
import { QUICKNET } from "../../core/drawings/draw/mod.ts";
import type { RandomnessBeacon } from "../../core/ports.ts";
import { verifyQuicknetSignature } from "./quicknet.ts";

export interface DrandClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A {@link RandomnessBeacon} reading `GET {baseUrl}/{chain hash}/public/{round}`. */
export function createDrandClient(options: DrandClientOptions): RandomnessBeacon {
  const get = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/$/, "");
  return {
    async fetchRound(round) {
      const url = `${base}/${QUICKNET.chainHash}/public/${round}`;
      let response: Response;
      try {
        response = await get(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      } catch (error) {
        throw new Error(`drand round ${round} could not be fetched from ${base}: ${error}`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(
          `drand round ${round} could not be fetched from ${base}: HTTP ${response.status}` +
            (response.status === 404 || response.status === 425 ? " (not published yet?)" : ""),
        );
      }
      const body = await response.json().catch(() => null) as
        | { round?: unknown; signature?: unknown }
        | null;
      if (
        body?.round !== round || typeof body.signature !== "string" ||
        !/^[0-9a-fA-F]{96}$/.test(body.signature)
      ) {
        throw new Error(`drand answered round ${round} with an unexpected body`);
      }
      return { round, signature: body.signature.toLowerCase() };
    },
    checkSignature: verifyQuicknetSignature,
  };
}

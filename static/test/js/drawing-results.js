/**
 * Results of a completed drawing (winners, ticket numbers, prizes, fulfillment
 * state) and the "Verify" button: it fetches the published fitdraw-v1 proof
 * and the frozen leaf list and recomputes the draw here, in the browser, with
 * drawing-verifier.js, so the verdict does not rest on the server's word.
 *
 * @module
 */
import { verifyProof } from "./drawing-verifier.js";
import { callApi } from "./http.js";
import { $, h, reportFailure, whileBusy } from "./ui.js";

const LEAVES_PER_PAGE = 10_000;
let current = null;

export function initDrawingResults() {
  const verify = $("#dr-verify");
  verify.addEventListener("click", () => whileBusy(verify, () => verifyCurrent()));
}

/** Shows the results card for `drawing` (a completed drawing from the list). */
export async function showResults(drawing) {
  const result = await callApi("GET", `/api/v1/drawings/${drawing.id}/results`);
  if (!reportFailure("Loading results", result)) return;
  const r = result.body;
  current = r;
  $("#dr-results").hidden = false;
  $("#dr-results-name").textContent = `${r.name} · ${r.total_tickets} tickets`;
  $("#dr-winner-rows").replaceChildren(
    ...r.winners.map((w) =>
      h(
        "tr",
        { dataset: { testid: "dr-winner", ticket: w.ticket_number, rank: w.prize_rank } },
        h("td", {}, `#${w.prize_rank} ${w.prize_name} ($${w.prize_value_usd})`),
        h("td", { class: "num" }, String(w.ticket_number)),
        h("td", {}, w.display_name),
        h("td", {}, w.fulfillment_status ?? "–"),
      )
    ),
  );
  $("[data-testid=dr-you-won]").textContent = r.you_won
    ? `You won: ${
      r.your_prizes.map((p) => `${p.prize_name} (ticket #${p.ticket_number})`).join(", ")
    }`
    : `You held ${r.your_tickets} ticket(s) and did not win this time.`;
  $("#dr-verify").hidden = !r.verifiable;
  setVerdict("", null);
}

async function verifyCurrent() {
  const id = current.drawing_id;
  setVerdict("verifying…", null);
  const proof = await callApi("GET", `/api/v1/drawings/${id}/proof`, { authorization: "" });
  if (!reportFailure("Loading the proof", proof)) return setVerdict("", null);
  const leaves = [];
  for (let page = 1;; page++) {
    const answer = await callApi(
      "GET",
      `/api/v1/drawings/${id}/proof/leaves?page=${page}&per_page=${LEAVES_PER_PAGE}`,
      { authorization: "" },
    );
    if (!reportFailure("Loading the ticket list", answer)) return setVerdict("", null);
    leaves.push(...answer.body.items);
    if (answer.body.items.length === 0 || leaves.length >= answer.body.total) break;
  }
  const verdict = await verifyProof(proof.body, leaves);
  // The results page must name the same winning tickets as the recomputed draw.
  const shown = current.winners.map((w) => `${w.prize_rank}:${w.ticket_number}`).sort();
  const drawn = verdict.winners.map((w) => `${w.prize_rank}:${w.ticket_number}`).sort();
  if (verdict.ok && shown.join() !== drawn.join()) {
    verdict.ok = false;
    verdict.problems.push("the results list other winners than the verified draw");
  }
  setVerdict(
    verdict.ok
      ? `✔ verified in your browser: ${leaves.length} tickets, ${verdict.winners.length} winner(s)`
      : "✘ not verified",
    verdict,
  );
}

function setVerdict(text, verdict) {
  const badge = $("#dr-verify-result");
  badge.textContent = text;
  badge.classList.toggle("ok", verdict?.ok === true);
  badge.classList.toggle("fail", verdict?.ok === false);
  badge.dataset.verified = verdict ? String(verdict.ok) : "";
  $("#dr-verify-problems").replaceChildren(
    ...(verdict?.problems ?? []).map((problem) =>
      h("li", { class: "fail", dataset: { testid: "dr-verify-problem" } }, problem)
    ),
  );
}

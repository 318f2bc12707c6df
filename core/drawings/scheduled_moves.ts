/**
 * What the minute jobs do with drawings: open scheduled ones whose sales
 * start, close open ones whose sales end (freezing the ticket list), and
 * execute closed ones whose drawing time has come. Each drawing moves in its
 * own transaction; one failure does not stop the others.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { executeDrawing } from "./execute_drawing.ts";
import { transitionDrawing } from "./transition_drawing.ts";

const BATCH = 100;

/** Opens and closes the drawings due at `now`; returns a one-line summary. */
export async function advanceDueDrawings(deps: CoreDeps, now: Date): Promise<string> {
  let opened = 0, closed = 0, failed = 0;
  for (const { id, status } of await deps.store.drawings.dueToAdvance(now, BATCH)) {
    try {
      await transitionDrawing(deps, id, status === "scheduled" ? "open" : "closed", { now });
      if (status === "scheduled") opened++;
      else closed++;
    } catch (error) {
      // Another instance or an admin moved it first: nothing left to do.
      if (!(error instanceof DomainError && error.code === "invalid_state")) failed++;
    }
  }
  return `opened ${opened}, closed ${closed} drawings${failed ? `, ${failed} failed` : ""}`;
}

/** Executes the closed drawings whose drawing time has passed. */
export async function executeDueDrawings(deps: CoreDeps, now: Date): Promise<string> {
  let executed = 0, skipped = 0;
  const failures: string[] = [];
  for (const id of await deps.store.drawings.dueToExecute(now, BATCH)) {
    try {
      await executeDrawing(deps, id);
      executed++;
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid_state") skipped++;
      else failures.push(`${id}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`executed ${executed} drawings; failed: ${failures.join("; ")}`);
  }
  return `executed ${executed} drawings${skipped ? `, ${skipped} already done` : ""}`;
}

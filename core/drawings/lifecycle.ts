/**
 * The drawing state machine: draft → scheduled → open → closed → completed,
 * and cancelled from any state before closed.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import type { DrawingStatus } from "./schemas.ts";

const NEXT: Record<DrawingStatus, readonly DrawingStatus[]> = {
  draft: ["scheduled", "cancelled"],
  scheduled: ["open", "draft", "cancelled"],
  open: ["closed", "cancelled"],
  closed: ["completed"],
  completed: [],
  cancelled: [],
};

/** Whether a drawing may move from `from` to `to`. */
export function canTransition(from: DrawingStatus, to: DrawingStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws `invalid_state` naming the allowed moves when `from → to` is not one. */
export function assertTransition(from: DrawingStatus, to: DrawingStatus): void {
  if (from === to || canTransition(from, to)) return;
  const allowed = NEXT[from].length > 0 ? NEXT[from].join(", ") : "none (final state)";
  throw new DomainError(
    "invalid_state",
    `A drawing cannot go from ${from} to ${to}; from ${from} it can go to: ${allowed}.`,
    { errors: [{ field: "status", message: `cannot change from ${from} to ${to}` }] },
  );
}

/** Fields that may still change in each state (the terms freeze once tickets can be bought). */
export function editableFields(status: DrawingStatus): readonly string[] {
  if (status === "draft" || status === "scheduled") {
    return [
      "name",
      "description",
      "ticket_cost_points",
      "drawing_time",
      "ticket_sales_close",
      "eligibility",
      "ticket_sales_open",
      "per_user_cap",
      "free_entries_per_user",
      "rules_text",
      "status",
      // R is pinned at scheduling: whether a beacon is used is settled by then.
      ...(status === "draft" ? ["use_beacon"] : []),
    ];
  }
  if (status === "open") return ["name", "description", "status"];
  return ["status"];
}

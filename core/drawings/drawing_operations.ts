/**
 * Drawing administration (Checkpoint 1): create with prizes, read, list, and
 * update under the state machine and optimistic locking.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { assertTransition, editableFields } from "./lifecycle.ts";
import { roundAt, sha256, toHex } from "./draw/mod.ts";
import { transitionEffects } from "./transition_drawing.ts";
import { assertSponsorsExist, assertUniqueRanks } from "./prize_rules.ts";
import type { DrawingPatch } from "./repo.ts";
import type {
  CreateDrawingInput,
  Drawing,
  DrawingFilter,
  DrawingSort,
  UpdateDrawingInput,
} from "./schemas.ts";

export async function createDrawing(
  deps: CoreDeps,
  input: CreateDrawingInput,
  actorId: string | null = null,
): Promise<Drawing> {
  assertUniqueRanks(input.prizes);
  return await deps.store.transaction(async (tx) => {
    await assertSponsorsExist(tx, input.prizes);
    const drawing = await tx.drawings.insert(input, actorId, rulesHash(input.rules_text));
    await tx.audit.record({
      actor_id: actorId,
      action: "drawing.create",
      entity_type: "drawing",
      entity_id: drawing.id,
    });
    return drawing;
  });
}

/** SHA-256 (hex) of the official rules text, pinned on the drawing. */
export function rulesHash(text: string | null | undefined): string | null {
  return text ? toHex(sha256(new TextEncoder().encode(text))) : null;
}

export async function getDrawing(deps: CoreDeps, id: string): Promise<Drawing> {
  const drawing = await deps.store.drawings.findById(id);
  if (!drawing) throw notFound("Drawing", id);
  return drawing;
}

export async function listDrawings(
  deps: CoreDeps,
  query: ListQuery<DrawingSort, DrawingFilter>,
): Promise<Page<Drawing>> {
  return await deps.store.drawings.list(query);
}

export async function updateDrawing(
  deps: CoreDeps,
  id: string,
  input: UpdateDrawingInput,
  actorId: string | null = null,
): Promise<Drawing> {
  const current = await getDrawing(deps, id);
  const { version, ...changes } = input;
  const allowed = editableFields(current.status);
  const frozen = Object.keys(changes).filter((k) => !allowed.includes(k));
  if (frozen.length > 0) {
    throw new DomainError(
      "invalid_state",
      `A ${current.status} drawing's ${frozen.join(", ")} can no longer change.`,
      { errors: frozen.map((field) => ({ field, message: `is frozen once ${current.status}` })) },
    );
  }
  if (changes.status) assertTransition(current.status, changes.status);
  // A transition's effects (the commitment, the pinned beacon round) are computed from the
  // stored row: fields they depend on must not change in the same request.
  const coupled = (["ticket_sales_close", "use_beacon", "drawing_time"] as const)
    .filter((field) => changes[field] !== undefined);
  if (changes.status && changes.status !== current.status && coupled.length > 0) {
    throw new DomainError(
      "validation",
      `Change ${coupled.join(", ")} first, then the status, in separate requests.`,
      {
        errors: coupled.map((field) => ({
          field,
          message: "cannot change in the same request as status",
        })),
      },
    );
  }
  if (changes.status === "completed") {
    throw new DomainError("invalid_state", "A drawing is completed only by executing it.");
  }
  const drawingTime = changes.drawing_time ?? current.drawing_time;
  const salesClose = changes.ticket_sales_close ?? current.ticket_sales_close;
  if (Date.parse(salesClose) > Date.parse(drawingTime)) {
    throw new DomainError("validation", "Ticket sales must close before the drawing.", {
      errors: [{
        field: "ticket_sales_close",
        message: "Sales close time must be before drawing time",
      }],
    });
  }
  if (current.beacon_round && changes.ticket_sales_close) {
    // R was chosen to fall after sales close; it cannot move, so neither can the close past it.
    if (roundAt(new Date(changes.ticket_sales_close)) >= current.beacon_round) {
      throw new DomainError(
        "invalid_state",
        "Sales close must stay before the pinned beacon round.",
        {
          errors: [{
            field: "ticket_sales_close",
            message: `must be before drand round ${current.beacon_round}`,
          }],
        },
      );
    }
  }
  const patch: DrawingPatch = {
    ...changes,
    drawing_time: changes.drawing_time ? new Date(changes.drawing_time) : undefined,
    ticket_sales_close: changes.ticket_sales_close
      ? new Date(changes.ticket_sales_close)
      : undefined,
    ticket_sales_open: changes.ticket_sales_open === undefined
      ? undefined
      : changes.ticket_sales_open === null
      ? null
      : new Date(changes.ticket_sales_open),
    rules_sha256: changes.rules_text === undefined ? undefined : rulesHash(changes.rules_text),
  };
  return await deps.store.transaction(async (tx) => {
    const extra = changes.status && changes.status !== current.status
      ? await transitionEffects(tx, id, changes.status, {
        now: deps.clock.now(),
        actorId,
        beaconAvailable: Boolean(deps.beacon),
      })
      : {};
    const updated = await tx.drawings.update(id, { ...patch, ...extra }, version);
    if (!updated) {
      throw new DomainError(
        "version_conflict",
        `Drawing ${id} was changed by someone else (you sent version ${version}); reload and retry.`,
      );
    }
    await tx.audit.record({
      actor_id: actorId,
      action: "drawing.update",
      entity_type: "drawing",
      entity_id: id,
      details: { fields: Object.keys(changes) },
    });
    return updated;
  });
}

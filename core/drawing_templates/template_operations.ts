/**
 * Recurring-drawing templates: create, read, list, update (optimistic
 * locking) and delete. Drawings already created from a template keep their
 * terms; changes apply to the periods created afterwards.
 *
 * @module
 */
import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import { assertSponsorsExist, assertUniqueRanks } from "../drawings/prize_rules.ts";
import {
  type CreateTemplateInput,
  type DrawingTemplate,
  salesWindowProblem,
  type TemplateFilter,
  type TemplateSort,
  type UpdateTemplateInput,
} from "./schemas.ts";

function assertBeaconAvailable(deps: CoreDeps, useBeacon: boolean | undefined): void {
  if (useBeacon && !deps.beacon) {
    throw new DomainError("validation", "use_beacon needs DRAND_URL to be set.", {
      errors: [{ field: "use_beacon", message: "needs DRAND_URL to be set" }],
    });
  }
}

export async function createTemplate(
  deps: CoreDeps,
  input: CreateTemplateInput,
  actorId: string | null = null,
): Promise<DrawingTemplate> {
  assertUniqueRanks(input.prizes);
  assertBeaconAvailable(deps, input.use_beacon);
  return await deps.store.transaction(async (tx) => {
    await assertSponsorsExist(tx, input.prizes);
    const template = await tx.drawingTemplates.insert(input, actorId);
    await tx.audit.record({
      actor_id: actorId,
      action: "drawing_template.create",
      entity_type: "drawing_template",
      entity_id: template.id,
    });
    return template;
  });
}

export async function getTemplate(deps: CoreDeps, id: string): Promise<DrawingTemplate> {
  const template = await deps.store.drawingTemplates.findById(id);
  if (!template) throw notFound("Drawing template", id);
  return template;
}

export async function listTemplates(
  deps: CoreDeps,
  query: ListQuery<TemplateSort, TemplateFilter>,
): Promise<Page<DrawingTemplate>> {
  return await deps.store.drawingTemplates.list(query);
}

export async function updateTemplate(
  deps: CoreDeps,
  id: string,
  input: UpdateTemplateInput,
  actorId: string | null = null,
): Promise<DrawingTemplate> {
  const current = await getTemplate(deps, id);
  // Without a version from the caller, the one validated here: a concurrent edit in between
  // is a conflict, never a merge this check did not see.
  const { version = current.version, ...changes } = input;
  const merged = { ...current, ...changes };
  const window = salesWindowProblem(merged);
  if (window) {
    throw new DomainError("validation", `${window.field} ${window.message}`, { errors: [window] });
  }
  if (changes.prizes) assertUniqueRanks(changes.prizes);
  if (changes.use_beacon) assertBeaconAvailable(deps, true);
  return await deps.store.transaction(async (tx) => {
    if (changes.prizes) await assertSponsorsExist(tx, changes.prizes);
    const updated = await tx.drawingTemplates.update(id, changes, version);
    if (!updated) {
      throw new DomainError(
        "version_conflict",
        `Drawing template ${id} was changed by someone else (you sent version ${version}); reload and retry.`,
      );
    }
    await tx.audit.record({
      actor_id: actorId,
      action: "drawing_template.update",
      entity_type: "drawing_template",
      entity_id: id,
      details: { fields: Object.keys(changes) },
    });
    return updated;
  });
}

/** Deletes a template; the drawings it already created stay as they are. */
export async function deleteTemplate(
  deps: CoreDeps,
  id: string,
  actorId: string | null = null,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    if (!await tx.drawingTemplates.delete(id)) throw notFound("Drawing template", id);
    await tx.audit.record({
      actor_id: actorId,
      action: "drawing_template.delete",
      entity_type: "drawing_template",
      entity_id: id,
    });
  });
}

/**
 * The recurring-drawings job: for each active template, create and schedule
 * the drawing of the current period (while its sales are open) and of the
 * next one. Exactly once per template and period, even with several
 * instances: the insert skips on the unique (template_id, period_start) key,
 * and the scheduling happens in the inserting transaction only.
 *
 * @module
 */
import type { CoreDeps } from "../ports.ts";
import { rulesHash } from "../drawings/drawing_operations.ts";
import { transitionEffects } from "../drawings/transition_drawing.ts";
import { drawingFromTemplate, templatePeriods } from "./period_drawing.ts";
import type { DrawingTemplate } from "./schemas.ts";

const BATCH = 500;

/** Creates the drawing of one period; false when it existed already. */
async function createPeriodDrawing(
  deps: CoreDeps,
  template: DrawingTemplate,
  period: { start: Date; end: Date },
  now: Date,
): Promise<boolean> {
  const input = drawingFromTemplate(template, period, deps.timeZone);
  return await deps.store.transaction(async (tx) => {
    const drawing = await tx.drawings.insertFromTemplate(
      input,
      { template_id: template.id, period_start: period.start },
      rulesHash(input.rules_text),
    );
    if (!drawing) return false;
    const extra = await transitionEffects(tx, drawing.id, "scheduled", {
      now,
      actorId: null,
      beaconAvailable: Boolean(deps.beacon),
    });
    await tx.drawings.update(drawing.id, { ...extra, status: "scheduled" });
    await tx.audit.record({
      actor_id: null,
      action: "drawing.create",
      entity_type: "drawing",
      entity_id: drawing.id,
      details: { template_id: template.id, period_start: period.start.toISOString() },
    });
    return true;
  });
}

/** One tick: returns a summary line; throws (after trying every template) when any failed. */
export async function createRecurringDrawings(deps: CoreDeps, now: Date): Promise<string> {
  let created = 0, existing = 0;
  const failures: string[] = [];
  const templates = await deps.store.drawingTemplates.active(BATCH);
  for (const template of templates) {
    for (const period of templatePeriods(template, now, deps.timeZone)) {
      try {
        if (await createPeriodDrawing(deps, template, period, now)) created++;
        else existing++;
      } catch (error) {
        failures.push(
          `template ${template.id} (${period.start.toISOString()}): ${(error as Error).message}`,
        );
      }
    }
  }
  const summary = `created ${created} drawings from ${templates.length} templates` +
    (existing ? `, ${existing} already existed` : "");
  if (failures.length > 0) throw new Error(`${summary}; failed: ${failures.join("; ")}`);
  return summary;
}

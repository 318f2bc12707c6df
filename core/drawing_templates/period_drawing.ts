/**
 * Which periods a template has drawings for, and the drawing of one period:
 * its name from the pattern and its times from the period's bounds.
 *
 * @module
 */
import { periodBounds } from "../time/periods.ts";
import { platformDate } from "../time/platform_day.ts";
import type { CreateDrawingInput } from "../drawings/schemas.ts";
import type { DrawingTemplate, TemplateType } from "./schemas.ts";

const MINUTE = 60_000;

export interface TemplatePeriod {
  /** Inclusive start, in the platform zone's calendar. */
  start: Date;
  /** Exclusive end. */
  end: Date;
}

/**
 * The periods whose drawings should exist at `now`: the current one (while
 * its sales are still open) and the next, so each drawing is scheduled a full
 * period ahead.
 *
 * @example templatePeriods("weekly", new Date("2026-12-09T12:00:00Z"), "UTC") // weeks of Dec 7 and Dec 14
 */
export function templatePeriods(
  template: Pick<DrawingTemplate, "drawing_type" | "sales_close_minutes_before_end">,
  now: Date,
  timeZone: string,
): TemplatePeriod[] {
  const type: TemplateType = template.drawing_type;
  const current = periodBounds(type, now, timeZone);
  const next = periodBounds(type, current.end!, timeZone);
  const periods = [{ start: current.start!, end: current.end! }, {
    start: next.start!,
    end: next.end!,
  }];
  return periods.filter((p) =>
    p.end.getTime() - template.sales_close_minutes_before_end * MINUTE > now.getTime()
  );
}

/** The name of the period's drawing: `{date}`, `{month}` and `{year}` filled in. */
export function periodName(pattern: string, period: TemplatePeriod, timeZone: string): string {
  const date = platformDate(period.start, timeZone);
  return pattern.replaceAll("{date}", date).replaceAll("{month}", date.slice(0, 7))
    .replaceAll("{year}", date.slice(0, 4));
}

/** The drawing `template` makes for `period`. */
export function drawingFromTemplate(
  template: DrawingTemplate,
  period: TemplatePeriod,
  timeZone: string,
): CreateDrawingInput {
  const at = (base: Date, minutes: number) =>
    new Date(base.getTime() + minutes * MINUTE).toISOString();
  return {
    drawing_type: template.drawing_type,
    name: periodName(template.name_pattern, period, timeZone),
    description: template.description,
    ticket_cost_points: template.ticket_cost_points,
    ticket_sales_open: at(period.start, template.sales_open_minutes),
    ticket_sales_close: at(period.end, -template.sales_close_minutes_before_end),
    drawing_time: at(period.end, template.drawing_minutes_after_end),
    eligibility: template.eligibility,
    prizes: template.prizes,
    per_user_cap: template.per_user_cap,
    free_entries_per_user: template.free_entries_per_user,
    rules_text: template.rules_text,
    use_beacon: template.use_beacon,
  };
}

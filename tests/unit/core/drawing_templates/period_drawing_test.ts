import assert from "node:assert/strict";
import {
  drawingFromTemplate,
  periodName,
  templatePeriods,
} from "../../../../core/drawing_templates/period_drawing.ts";
import {
  CreateTemplateSchema,
  type DrawingTemplate,
  salesWindowProblem,
} from "../../../../core/drawing_templates/schemas.ts";

const NY = "America/New_York";

function template(overrides: Partial<DrawingTemplate> = {}): DrawingTemplate {
  return {
    id: "0b6c0d8e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
    drawing_type: "daily",
    name_pattern: "Daily {date}",
    description: null,
    ticket_cost_points: 10,
    prizes: [],
    eligibility: {},
    rules_text: null,
    per_user_cap: 1,
    free_entries_per_user: 1,
    use_beacon: false,
    sales_open_minutes: 0,
    sales_close_minutes_before_end: 10,
    drawing_minutes_after_end: 15,
    active: true,
    created_by: null,
    created_at: "2027-01-01T00:00:00.000Z",
    updated_at: "2027-01-01T00:00:00.000Z",
    version: 1,
    ...overrides,
  };
}

Deno.test("templatePeriods() - the current period while its sales are open, and the next", () => {
  const t = template();
  const noon = templatePeriods(t, new Date("2027-06-10T16:00:00Z"), NY); // 12:00 EDT
  assert.deepEqual(noon.map((p) => p.start.toISOString()), [
    "2027-06-10T04:00:00.000Z",
    "2027-06-11T04:00:00.000Z",
  ]);
  // 23:55 EDT: today's sales closed at 23:50, so only tomorrow's drawing is due.
  const late = templatePeriods(t, new Date("2027-06-11T03:55:00Z"), NY);
  assert.deepEqual(late.map((p) => p.start.toISOString()), ["2027-06-11T04:00:00.000Z"]);
});

Deno.test("drawingFromTemplate() - times relative to the period's start and end, across a 23-hour DST day", () => {
  const [day] = templatePeriods(template(), new Date("2027-03-14T12:00:00Z"), NY); // spring forward
  assert.equal(day.end.getTime() - day.start.getTime(), 23 * 3600_000);
  const drawing = drawingFromTemplate(template({ sales_open_minutes: 60 }), day, NY);
  assert.equal(drawing.name, "Daily 2027-03-14");
  assert.equal(drawing.ticket_sales_open, "2027-03-14T06:00:00.000Z");
  assert.equal(drawing.ticket_sales_close, "2027-03-15T03:50:00.000Z");
  assert.equal(drawing.drawing_time, "2027-03-15T04:15:00.000Z");
});

Deno.test("periodName() - {date}, {month} and {year} from the period's first day in the zone", () => {
  const period = { start: new Date("2027-02-01T05:00:00Z"), end: new Date("2027-03-01T05:00:00Z") };
  assert.equal(
    periodName("M {month} / {year} from {date}", period, NY),
    "M 2027-02 / 2027 from 2027-02-01",
  );
});

Deno.test("salesWindowProblem() - the window must fit the shortest period of the type", () => {
  const daily = { drawing_type: "daily" as const, sales_open_minutes: 700 };
  assert.equal(salesWindowProblem({ ...daily, sales_close_minutes_before_end: 679 }), null);
  assert.equal(
    salesWindowProblem({ ...daily, sales_close_minutes_before_end: 680 })?.field,
    "sales_close_minutes_before_end",
  );
  assert.equal(
    salesWindowProblem({
      drawing_type: "monthly",
      sales_open_minutes: 30000,
      sales_close_minutes_before_end: 10000,
    }),
    null,
  );
  const parsed = CreateTemplateSchema.safeParse({
    drawing_type: "weekly",
    name_pattern: "W {date}",
    ticket_cost_points: 5,
    sales_open_minutes: 10020,
  });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error?.issues.map((i) => i.path.join(".")), [
    "sales_close_minutes_before_end",
  ]);
});

import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import { type TestContext, testContext } from "../../_support/services.ts";
import { sql } from "drizzle-orm";
import { createRecurringDrawings } from "../../../core/drawing_templates/create_recurring_drawings.ts";
import type { DrawingTemplate } from "../../../core/drawing_templates/schemas.ts";
import type { Drawing } from "../../../core/drawings/schemas.ts";
import { createRecurringDrawingsTick } from "../../../jobs/create_recurring_drawings.ts";
import { authHeaders, movableClock } from "../../_support/auth.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { adminHeaders } from "./_helpers.ts";

const WEEKLY = {
  drawing_type: "weekly",
  name_pattern: "Weekly Steps {date}",
  ticket_cost_points: 100,
  prizes: [{ rank: 1, name: "$50 Gift Card", value_usd: 50, fulfillment_type: "digital" }],
  rules_text: "Official rules (weekly)",
  sales_open_minutes: 60,
  sales_close_minutes_before_end: 5,
  drawing_minutes_after_end: 30,
};

async function createTemplate(t: TestContext, body: unknown): Promise<DrawingTemplate> {
  return await expectJson<DrawingTemplate>(
    await t.request("/api/v1/admin/drawing-templates", {
      method: "POST",
      headers: await adminHeaders(t),
      json: body,
    }),
    201,
  );
}

async function drawingsOf(t: TestContext, templateId: string): Promise<Drawing[]> {
  const rows = await t.services.db.rows<{ id: string }>(
    sql`SELECT id FROM drawings WHERE template_id = ${templateId} ORDER BY period_start`,
  );
  return await Promise.all(
    rows.map(async (r) => (await t.services.core.store.drawings.findById(r.id))!),
  );
}

Deno.test("drawing templates API - create, list, get, update with version, delete; bad input is a 422 naming the field", async () => {
  const t = await testContext();
  try {
    const admin = await adminHeaders(t);
    const path = "/api/v1/admin/drawing-templates";
    const post = (json: unknown, headers = admin) =>
      t.request(path, { method: "POST", headers, json });
    await expectProblem(await post(WEEKLY, await authHeaders(t, "user")), 403);
    await expectProblem(await post({ ...WEEKLY, drawing_type: "annual" }), 422, "drawing_type");
    await expectProblem(
      await post({
        ...WEEKLY,
        drawing_type: "daily",
        sales_open_minutes: 1000,
        sales_close_minutes_before_end: 400,
      }),
      422,
      "sales_close_minutes_before_end",
    );
    await expectProblem(
      await post({ ...WEEKLY, prizes: [WEEKLY.prizes[0], WEEKLY.prizes[0]] }),
      422,
      "prizes",
    );
    await expectProblem(await post({ ...WEEKLY, use_beacon: true }), 422, "use_beacon");
    const created = await expectJson<DrawingTemplate>(await post(WEEKLY), 201);
    assert.equal(created.active, true);
    assert.equal(created.per_user_cap, 1);
    assert.equal(created.version, 1);

    const page = await expectJson<{ items: DrawingTemplate[] }>(
      await t.request(`${path}?filter[active]=true`, { headers: admin }),
      200,
    );
    assert.deepEqual(page.items.map((x) => x.id), [created.id]);
    await expectProblem(await t.request(`${path}?filter[color]=red`, { headers: admin }), 400);
    const one = `${path}/${created.id}`;
    assert.equal(
      (await expectJson<DrawingTemplate>(await t.request(one, { headers: admin }), 200)).id,
      created.id,
    );

    const put = (json: unknown) => t.request(one, { method: "PUT", headers: admin, json });
    const updated = await expectJson<DrawingTemplate>(
      await put({ ticket_cost_points: 150, version: 1 }),
      200,
    );
    assert.equal(updated.ticket_cost_points, 150);
    assert.equal(updated.version, 2);
    // A partial update leaves every field it does not name as it was (no defaults re-applied).
    const { ticket_cost_points: _c, version: _v, updated_at: _u, ...unchanged } = updated;
    const { ticket_cost_points: _c2, version: _v2, updated_at: _u2, ...before } = created;
    assert.deepEqual(unchanged, before);
    assert.ok(before.prizes.length > 0 && before.sales_close_minutes_before_end > 0);
    await expectProblem(await put({ active: false, version: 1 }), 409);
    await expectProblem(
      await put({ drawing_type: "daily", sales_open_minutes: 1380 }),
      422,
      "sales_close_minutes_before_end",
    );
    assert.equal(
      (await t.services.core.store.drawingTemplates.findById(created.id))!.drawing_type,
      "weekly",
      "a refused update changes nothing",
    );
    assert.equal((await t.request(one, { method: "DELETE", headers: admin })).status, 204);
    await expectProblem(await t.request(one, { headers: admin }), 404);
    await expectProblem(await t.request(one, { method: "DELETE", headers: admin }), 404);
  } finally {
    await t.close();
  }
});

Deno.test("recurring drawings job - schedules the current and next period once, with times relative to the period (across DST)", async () => {
  // Wednesday 2027-03-10, America/New_York; DST starts Sunday 2027-03-14.
  const clock = movableClock("2027-03-10T12:00:00Z");
  const t = await testContext({ clock });
  try {
    const template = await createTemplate(t, WEEKLY);
    const paused = await createTemplate(t, {
      ...WEEKLY,
      name_pattern: "Paused {date}",
      active: false,
    });
    const first = await createRecurringDrawingsTick(t.services, clock.now());
    assert.equal(first, "created 2 drawings from 1 templates");
    const [current, next] = await drawingsOf(t, template.id);
    assert.equal(current.name, "Weekly Steps 2027-03-08");
    assert.equal(current.status, "scheduled");
    assert.match(current.commitment!, /^[0-9a-f]{64}$/);
    assert.equal(current.period_start, "2027-03-08T05:00:00.000Z"); // Monday 00:00 EST
    assert.equal(current.ticket_sales_open, "2027-03-08T06:00:00.000Z"); // + 60 min
    assert.equal(current.ticket_sales_close, "2027-03-15T03:55:00.000Z"); // Monday 00:00 EDT − 5 min
    assert.equal(current.drawing_time, "2027-03-15T04:30:00.000Z"); // + 30 min
    assert.equal(current.rules_text, WEEKLY.rules_text);
    assert.match(current.rules_sha256!, /^[0-9a-f]{64}$/);
    assert.deepEqual(current.prizes.map((p) => [p.rank, p.name, p.value_usd]), [[
      1,
      "$50 Gift Card",
      50,
    ]]);
    assert.equal(next.name, "Weekly Steps 2027-03-15");
    assert.equal(next.period_start, "2027-03-15T04:00:00.000Z");
    assert.deepEqual(await drawingsOf(t, paused.id), []);

    // The next tick finds both; a week later only the new next week is created.
    assert.equal(
      await createRecurringDrawingsTick(t.services, clock.now()),
      "created 0 drawings from 1 templates, 2 already existed",
    );
    clock.advance(7 * 24 * 3600_000);
    assert.equal(
      await createRecurringDrawingsTick(t.services, clock.now()),
      "created 1 drawings from 1 templates, 1 already existed",
    );
    assert.deepEqual(
      (await drawingsOf(t, template.id)).map((d) => d.name),
      ["Weekly Steps 2027-03-08", "Weekly Steps 2027-03-15", "Weekly Steps 2027-03-22"],
    );
  } finally {
    await t.close();
  }
});

Deno.test("recurring drawings job - a period whose sales already closed is skipped; monthly names use {month}", async () => {
  // 2027-04-30 23:58 New York: April's sales closed at 23:55.
  const clock = movableClock("2027-05-01T03:58:00Z");
  const t = await testContext({ clock });
  try {
    const template = await createTemplate(t, {
      ...WEEKLY,
      drawing_type: "monthly",
      name_pattern: "Monthly {month} ({year})",
    });
    assert.equal(
      await createRecurringDrawingsTick(t.services, clock.now()),
      "created 1 drawings from 1 templates",
    );
    const [may] = await drawingsOf(t, template.id);
    assert.equal(may.name, "Monthly 2027-05 (2027)");
    assert.equal(may.drawing_type, "monthly");
  } finally {
    await t.close();
  }
});

Deno.test("recurring drawings job - two instances at once create each period's drawing exactly once", async () => {
  const clock = movableClock("2027-03-10T12:00:00Z");
  const t = await testContext({ clock });
  try {
    const templates = [];
    for (let i = 0; i < 3; i++) {
      templates.push(await createTemplate(t, { ...WEEKLY, name_pattern: `Race ${i} {date}` }));
    }
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => createRecurringDrawings(t.services.core, clock.now())),
    );
    const created = runs.map((r) => Number(/created (\d+)/.exec(r)![1]));
    assert.equal(created.reduce((a, b) => a + b, 0), 6, runs.join("\n"));
    for (const template of templates) {
      const drawings = await drawingsOf(t, template.id);
      assert.equal(drawings.length, 2);
      assert.ok(drawings.every((d) => d.status === "scheduled" && d.commitment));
    }
    const audits = await t.services.db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'drawing.create'`,
    );
    assert.equal(audits[0].n, 6, "no run logged a drawing it did not create");
  } finally {
    await t.close();
  }
});

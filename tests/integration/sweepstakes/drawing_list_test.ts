/**
 * The drawing list's one-statement read gives exactly what reading each
 * drawing does (prizes in rank order, no secrets), for every filter and sort
 * order, with the right total on every page and past the last one.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import type { Drawing, DrawingSort } from "../../../core/drawings/schemas.ts";
import type { ListQuery } from "../../../core/pagination.ts";
import { drawingInput } from "../../_support/factories.ts";
import { type TestContext, testContext } from "../../_support/services.ts";
import { buy, fundedUser, openDrawing } from "./_helpers.ts";

Deno.test("drawing list - one statement answers what each drawing's own read does, for every filter, sort and page", async () => {
  const t = await testContext();
  try {
    const core = t.services.core;
    const made: Drawing[] = [];
    for (let i = 0; i < 7; i++) {
      const drawing = await createDrawing(
        core,
        drawingInput({
          drawing_type: i % 2 === 0 ? "weekly" : "daily",
          name: `List ${String.fromCharCode(90 - i)}`, // names sort opposite to creation
          ticket_cost_points: 10 + (i % 3) * 10, // ties, broken by id
          drawing_time: `2027-01-${String(10 + i).padStart(2, "0")}T20:00:00.000Z`,
          ticket_sales_close: `2027-01-${String(10 + i).padStart(2, "0")}T19:00:00.000Z`,
          prizes: [
            {
              rank: 2,
              name: `Second ${i}`,
              value_usd: 10.5,
              quantity: 1,
              fulfillment_type: "digital",
            },
            {
              rank: 1,
              name: `First ${i}`,
              value_usd: 449.99,
              quantity: 2,
              fulfillment_type: "physical",
            },
          ],
        }),
      );
      if (i < 3) await transitionDrawing(core, drawing.id, "scheduled");
      made.push(drawing);
    }
    await t.services.db.rows(
      sql`UPDATE drawings SET deleted_at = now() WHERE id = ${made[6].id}::uuid RETURNING id`,
    );
    const visible = await Promise.all(made.map((d) => core.store.drawings.findById(d.id)));
    const all = visible.filter((d): d is Drawing => d !== null);
    assert.equal(all.length, 6, "the soft-deleted drawing is gone");
    assert.ok(all.every((d) => d.prizes.map((p) => p.rank).join() === "1,2"), "prizes by rank");

    const compare = (field: DrawingSort, a: Drawing, b: Drawing) => {
      const x = a[field], y = b[field];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const sorts: ListQuery<DrawingSort>["sort"][] = [
      [{ field: "drawing_time", direction: "asc" }],
      [{ field: "name", direction: "asc" }],
      [{ field: "ticket_cost_points", direction: "desc" }],
      [{ field: "ticket_cost_points", direction: "asc" }, {
        field: "created_at",
        direction: "desc",
      }],
    ];
    const filters = [{}, { status: "scheduled" }, { drawing_type: "daily" }, {
      status: "draft",
      drawing_type: "weekly",
    }];
    for (const sort of sorts) {
      for (const filter of filters) {
        const expected = all
          .filter((d) =>
            Object.entries(filter).every(([k, v]) => d[k as "status" | "drawing_type"] === v)
          )
          .sort((a, b) => {
            for (const s of sort) {
              const c = compare(s.field, a, b) * (s.direction === "asc" ? 1 : -1);
              if (c !== 0) return c;
            }
            return a.id < b.id ? -1 : 1;
          });
        for (const page of [1, 2, 3, 4]) {
          const listed = await core.store.drawings.list({
            page,
            perPage: 2,
            sort,
            filters: filter,
          });
          const label = `${JSON.stringify(sort)} ${JSON.stringify(filter)} page ${page}`;
          assert.deepEqual(listed.items, expected.slice((page - 1) * 2, page * 2), label);
          assert.equal(listed.pagination.total, expected.length, label);
        }
      }
    }
    for (
      const item of (await core.store.drawings.list({
        page: 1,
        perPage: 100,
        sort: sorts[0],
        filters: {},
      })).items
    ) {
      assert.ok(!("seed_secret" in item) && !("pseudonym_key" in item), "no secrets listed");
    }
  } finally {
    await t.close();
  }
});

Deno.test("drawing list - a remembered drawing shows every ticket sale, every change and its removal at once, byte for byte as its own read", async () => {
  const t = await testContext();
  try {
    const core = t.services.core;
    const drawing = await openDrawing(t, { name: "Remembered" });
    const listed = async () =>
      (await core.store.drawings.list({
        page: 1,
        perPage: 10,
        sort: [{ field: "drawing_time", direction: "asc" }],
        filters: {},
      })).items;
    const own = async () => JSON.stringify(await core.store.drawings.findById(drawing.id));
    assert.equal(JSON.stringify((await listed())[0]), await own(), "first read, whole");
    assert.equal(JSON.stringify((await listed())[0]), await own(), "remembered, same JSON");

    // A sale changes only the count: the remembered drawing shows it.
    const buyer = await fundedUser(t, 1000);
    assert.equal((await buy(t, buyer.headers, drawing.id, 3)).status, 201);
    const sold = (await listed())[0];
    assert.equal(sold.total_tickets, 3);
    assert.equal(JSON.stringify(sold), await own());

    // A change (sales closed: a new version) is read whole again.
    await transitionDrawing(core, drawing.id, "closed");
    const closed = (await listed())[0];
    assert.equal(closed.status, "closed");
    assert.equal(JSON.stringify(closed), await own());

    // Inside a transaction nothing is remembered: a rolled-back change never shows later.
    await t.services.core.store.transaction(async (tx) => {
      await tx.drawings.update(drawing.id, { name: "Never committed" });
      const inside = await tx.drawings.list({
        page: 1,
        perPage: 10,
        sort: [{ field: "drawing_time", direction: "asc" }],
        filters: {},
      });
      assert.equal(inside.items[0].name, "Never committed");
      throw new Error("roll back");
    }).catch((error) => assert.equal((error as Error).message, "roll back"));
    assert.equal((await listed())[0].name, "Remembered");
    await committedRename(t, drawing.id);
    assert.equal((await listed())[0].name, "Renamed for real");
    assert.equal(JSON.stringify((await listed())[0]), await own());

    await t.services.db.rows(
      sql`UPDATE drawings SET deleted_at = now() WHERE id = ${drawing.id}::uuid RETURNING id`,
    );
    assert.deepEqual(await listed(), []);
  } finally {
    await t.close();
  }
});

/** The same change as the rolled-back one, committed: same next version, other content. */
async function committedRename(t: TestContext, id: string): Promise<void> {
  await t.services.core.store.drawings.update(id, { name: "Renamed for real" });
}

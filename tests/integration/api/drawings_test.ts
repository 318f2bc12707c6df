import assert from "node:assert/strict";
import { authHeaders } from "../../_support/auth.ts";
import { drawingInput } from "../../_support/factories.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { testContext } from "../../_support/services.ts";

interface DrawingBody {
  id: string;
  status: string;
  version: number;
  name: string;
  prizes: { rank: number; value_usd: number }[];
}

Deno.test("drawings API - create, list by status, move through the lifecycle", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    const created = await expectJson<DrawingBody>(
      await t.request("/api/v1/drawings", { method: "POST", json: drawingInput(), headers }),
      201,
    );
    assert.equal(created.status, "draft");
    assert.deepEqual(created.prizes.map((p) => [p.rank, p.value_usd]), [[1, 50]]);
    await expectJson(
      await t.request("/api/v1/drawings", {
        method: "POST",
        json: drawingInput({ drawing_type: "daily" }),
        headers,
      }),
      201,
    );

    const scheduled = await expectJson<DrawingBody>(
      await t.request(`/api/v1/drawings/${created.id}`, {
        method: "PUT",
        json: { status: "scheduled", version: created.version },
        headers,
      }),
      200,
    );
    assert.equal(scheduled.status, "scheduled");
    const opened = await expectJson<DrawingBody>(
      await t.request(`/api/v1/drawings/${created.id}`, {
        method: "PUT",
        json: { status: "open" },
        headers,
      }),
      200,
    );
    assert.equal(opened.status, "open");

    const open = await expectJson<{ items: DrawingBody[] }>(
      await t.request("/api/v1/drawings?filter[status]=open", { headers }),
      200,
    );
    assert.deepEqual(open.items.map((d) => d.id), [created.id]);

    // Terms freeze once open; completion only by execution; no going back.
    await expectProblem(
      await t.request(`/api/v1/drawings/${created.id}`, {
        method: "PUT",
        json: { ticket_cost_points: 1 },
        headers,
      }),
      409,
      "ticket_cost_points",
    );
    await expectProblem(
      await t.request(`/api/v1/drawings/${created.id}`, {
        method: "PUT",
        json: { status: "draft" },
        headers,
      }),
      409,
      "status",
    );
    await expectProblem(
      await t.request(`/api/v1/drawings/${created.id}`, {
        method: "PUT",
        json: { name: "Renamed", version: created.version },
        headers,
      }),
      409,
    );
    const got = await expectJson<DrawingBody>(
      await t.request(`/api/v1/drawings/${created.id}`, { headers }),
      200,
    );
    assert.equal(got.name, created.name, "refused updates changed nothing");
  } finally {
    await t.close();
  }
});

Deno.test("drawings API - invalid drawings are refused field by field", async () => {
  const t = await testContext();
  try {
    const headers = await authHeaders(t, "admin");
    await expectProblem(
      await t.request("/api/v1/drawings", {
        method: "POST",
        json: drawingInput({ ticket_sales_close: "2027-01-11T00:00:00Z" }),
        headers,
      }),
      422,
      "ticket_sales_close",
    );
    await expectProblem(
      await t.request("/api/v1/drawings", {
        method: "POST",
        json: { ...drawingInput(), ticket_cost_points: 0 },
        headers,
      }),
      422,
      "ticket_cost_points",
    );
    await expectProblem(
      await t.request("/api/v1/drawings", {
        method: "POST",
        json: { ...drawingInput(), drawing_type: "hourly" },
        headers,
      }),
      422,
      "drawing_type",
    );
    await expectProblem(
      await t.request("/api/v1/drawings", {
        method: "POST",
        json: drawingInput({
          prizes: [
            { rank: 1, name: "A", value_usd: 1, quantity: 1, fulfillment_type: "digital" },
            { rank: 1, name: "B", value_usd: 1, quantity: 1, fulfillment_type: "digital" },
          ],
        }),
        headers,
      }),
      422,
      "prizes",
    );
    await expectProblem(
      await t.request("/api/v1/drawings?filter[status]=finished", { headers }),
      400,
      "filter[status]",
    );
    const list = await expectJson<{ pagination: { total: number } }>(
      await t.request("/api/v1/drawings", { headers }),
      200,
    );
    assert.equal(list.pagination.total, 0);
  } finally {
    await t.close();
  }
});

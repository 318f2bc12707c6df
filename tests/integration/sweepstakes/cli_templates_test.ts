import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import "../../_support/services.ts";
import { parseConfig } from "../../../config.ts";
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import { executeDrawing } from "../../../core/drawings/execute_drawing.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { purchaseTickets } from "../../../core/tickets/purchase_tickets.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { createServices } from "../../../services.ts";
import { drawingInput, userInput } from "../../_support/factories.ts";
import { cliEnv } from "../cli/_cli.ts";

Deno.test("fittrack drawings templates + jobs run + fulfill tax-form - the operator's recurring drawings and W-9s", async () => {
  const cli = await cliEnv();
  try {
    const created = await cli.run(
      "--json",
      ...["drawings", "templates", "create", "--type", "daily", "--name", "Daily {date}"],
      ...["--cost", "10", "--close-before", "5", "--prize", "1|Gift card|25|digital"],
    );
    assert.equal(created.code, 0, created.stderr);
    const { id } = cli.json<{ id: string }>(created);
    const bad = await cli.run(
      ...["drawings", "templates", "create", "--type", "daily", "--name", "Bad {date}"],
      ...["--cost", "10", "--open-after", "1000", "--close-before", "1000"],
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /sales_close_minutes_before_end/);
    assert.match((await cli.run("drawings", "templates", "list")).stdout, /Daily \{date\}/);

    const ran = await cli.run("--json", "jobs", "run", "create_recurring_drawings");
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(cli.json<{ summary: string }>(ran).summary, /created 2 drawings from 1 templates/);
    assert.equal((await cli.run("--json", "drawings", "templates", "pause", id)).code, 0);
    const listed = cli.json<{ items: { active: boolean }[] }>(
      await cli.run("--json", "drawings", "templates", "list"),
    );
    assert.deepEqual(listed.items.map((t) => t.active), [false]);
    assert.equal((await cli.run("drawings", "templates", "delete", id)).code, 2, "asks first");
    assert.equal((await cli.run("drawings", "templates", "delete", id, "--yes")).code, 0);

    // A $2,500 prize (2099: threshold $2,000) won between CLI runs.
    let fulfillmentId: string, adminEmail: string;
    const services = await createServices(parseConfig({ ...cli.env, LOG_LEVEL: "silent" }));
    try {
      const core = services.core;
      adminEmail = (await createUser(core, userInput({ role: "admin" }))).email;
      const drawing = await createDrawing(
        core,
        drawingInput({
          ticket_cost_points: 10,
          ticket_sales_close: "2099-01-01T00:00:00Z",
          drawing_time: "2099-01-02T00:00:00Z",
          prizes: [{
            rank: 1,
            name: "Bike",
            value_usd: 2500,
            quantity: 1,
            fulfillment_type: "physical",
          }],
        }),
      );
      await transitionDrawing(core, drawing.id, "scheduled");
      await transitionDrawing(core, drawing.id, "open");
      const buyer = await createUser(core, userInput());
      await postLedgerEntry(core, {
        user_id: buyer.id,
        transaction_type: "adjust",
        amount: 10,
        description: "t",
      });
      await purchaseTickets(core, { userId: buyer.id, drawingId: drawing.id, quantity: 1 });
      await transitionDrawing(core, drawing.id, "closed");
      await executeDrawing(core, drawing.id);
      fulfillmentId = (await core.store.fulfillments.list({
        page: 1,
        perPage: 5,
        sort: [],
        filters: { drawing_id: drawing.id },
      })).items[0].id;
    } finally {
      await services.close();
    }
    const notAdmin = await cli.run(
      "fulfill",
      "tax-form",
      fulfillmentId,
      "--by",
      "nobody@example.com",
    );
    assert.equal(notAdmin.code, 2);
    const recorded = await cli.run(
      "--json",
      "fulfill",
      "tax-form",
      fulfillmentId,
      "--by",
      adminEmail,
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.ok(cli.json<{ tax_form_received_at: string | null }>(recorded).tax_form_received_at);
    const again = await cli.run("fulfill", "tax-form", fulfillmentId, "--by", adminEmail);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already recorded/);
  } finally {
    await cli.close();
  }
});

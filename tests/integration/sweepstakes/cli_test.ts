import assert from "node:assert/strict";
// First: the app graph extends zod with .openapi() before any core schema is built.
import "../../_support/services.ts";
import { parseConfig } from "../../../config.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import { purchaseTickets } from "../../../core/tickets/purchase_tickets.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { createServices } from "../../../services.ts";
import { userInput } from "../../_support/factories.ts";
import { cliEnv } from "../cli/_cli.ts";

Deno.test("fittrack drawings + fulfill - create, schedule, execute (asks first), verify, results, forfeit", async () => {
  const cli = await cliEnv();
  try {
    const created = await cli.run(
      "--json",
      "drawings",
      "create",
      "--type",
      "weekly",
      "--name",
      "CLI Weekly",
      "--cost",
      "10",
      "--sales-close",
      "2099-01-01T00:00:00Z",
      "--drawing-time",
      "2099-01-02T00:00:00Z",
      "--prize",
      "1|Fitness Watch|250|physical",
    );
    assert.equal(created.code, 0, created.stderr);
    const { id } = cli.json<{ id: string }>(created);
    const bad = await cli.run(
      "drawings",
      "create",
      "--type",
      "weekly",
      "--name",
      "x",
      "--cost",
      "0",
      "--sales-close",
      "nope",
      "--drawing-time",
      "2099-01-02T00:00:00Z",
    );
    assert.equal(bad.code, 2);
    assert.equal((await cli.run("drawings", "schedule", id)).code, 0);

    // Sales happen through the app between CLI runs (the data folder is free meanwhile).
    const services = await createServices(parseConfig({ ...cli.env, LOG_LEVEL: "silent" }));
    try {
      const core = services.core;
      await transitionDrawing(core, id, "open");
      for (let i = 0; i < 3; i++) {
        const user = await createUser(core, userInput());
        await postLedgerEntry(core, {
          user_id: user.id,
          transaction_type: "adjust",
          amount: 100,
          description: "t",
        });
        await purchaseTickets(core, { userId: user.id, drawingId: id, quantity: 2 });
      }
      await transitionDrawing(core, id, "closed");
    } finally {
      await services.close();
    }

    const refused = await cli.run("drawings", "execute", id);
    assert.equal(refused.code, 2, "off a terminal, execute needs --yes");
    const executed = await cli.run("--json", "drawings", "execute", id, "--yes");
    assert.equal(executed.code, 0, executed.stderr);
    assert.equal(cli.json<{ winners: number }>(executed).winners, 1);
    assert.equal((await cli.run("drawings", "execute", id, "--yes")).code, 1);
    const verified = await cli.run("drawings", "verify", id);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /VERIFIED drawing/);
    const results = cli.json<{ winners: { prize_name: string }[] }>(
      await cli.run("--json", "drawings", "results", id),
    );
    assert.equal(results.winners[0].prize_name, "Fitness Watch");
    const listed = await cli.run("--json", "fulfill", "list", "--status", "winner_notified");
    const [f] = cli.json<{ items: { id: string }[] }>(listed).items;
    const ship = await cli.run(
      "fulfill",
      "ship",
      f.id,
      "--carrier",
      "USPS",
      "--tracking",
      "9400123456789",
    );
    assert.equal(ship.code, 1, "shipping needs a confirmed address");
    assert.match(ship.stderr, /address_confirmed/);
    const forfeited = await cli.run(
      "--json",
      "fulfill",
      "forfeit",
      f.id,
      "--reason",
      "declined",
      "--yes",
    );
    assert.equal(forfeited.code, 0, forfeited.stderr);
    assert.ok(cli.json<{ alternate: { id: string } | null }>(forfeited).alternate);
    assert.equal((await cli.run("drawings", "verify", id)).code, 0);
    assert.match((await cli.run("drawings", "list")).stdout, /CLI Weekly/);
  } finally {
    await cli.close();
  }
});

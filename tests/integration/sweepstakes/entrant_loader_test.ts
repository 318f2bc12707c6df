import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { testContext } from "../../_support/services.ts";
import { EntrantLoader, readEntrant } from "../../../db/repos/tickets_entrants.ts";
import { fundedUser } from "./_helpers.ts";

Deno.test("EntrantLoader - reads asked together go as one statement, each gets its own entrant", async () => {
  const t = await testContext();
  try {
    const people = await Promise.all(Array.from({ length: 8 }, () => fundedUser(t, 0)));
    const gone = await fundedUser(t, 0);
    await t.services.db.rows(sql`UPDATE users SET deleted_at = now() WHERE id = ${gone.user.id}`);
    const loader = new EntrantLoader(t.services.db.orm);
    const ids = [
      ...people.map((p) => p.user.id),
      people[0].user.id, // asked twice
      crypto.randomUUID(), // nobody
      gone.user.id,
      people[1].user.id.toUpperCase(),
    ];
    const read = await Promise.all(ids.map((id) => loader.load(id)));
    assert.ok(loader.statements <= 2, `${loader.statements} statements for ${ids.length} reads`);
    for (const [i, p] of people.entries()) {
      assert.deepEqual(read[i], await readEntrant(t.services.db.orm, p.user.id));
      assert.equal(read[i]?.email, p.user.email);
      assert.equal(read[i]?.state, "CA");
      assert.match(read[i]!.date_of_birth!, /^\d{4}-\d{2}-\d{2}$/);
    }
    assert.equal(read[8]?.id, people[0].user.id);
    assert.equal(read[9], null);
    assert.equal(read[10], null, "a deleted user is not an entrant");
    assert.equal(read[11]?.id, people[1].user.id);
  } finally {
    await t.close();
  }
});

Deno.test("EntrantLoader - a malformed id fails only its own read", async () => {
  const t = await testContext();
  try {
    const a = await fundedUser(t, 0);
    const b = await fundedUser(t, 0);
    const loader = new EntrantLoader(t.services.db.orm);
    const settled = await Promise.allSettled([
      loader.load(a.user.id), // alone, at once
      loader.load(b.user.id), // these two wait, fail together, then go alone
      loader.load("not-a-uuid"),
    ]);
    assert.deepEqual(settled.map((s) => s.status), ["fulfilled", "fulfilled", "rejected"]);
    assert.equal(settled[1].status === "fulfilled" && settled[1].value?.id, b.user.id);
    assert.equal(loader.statements, 4);
  } finally {
    await t.close();
  }
});

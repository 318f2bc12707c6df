import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { fixedStatement } from "../../../db/statement.ts";
import type { Orm } from "../../../db/client.ts";
import { testServices } from "../../_support/services.ts";

const ECHO = fixedStatement<{ n: number; word: string; at: string }>((p) =>
  sql`SELECT ${p.n}::int + 1 AS next, upper(${p.word}::text) AS shout,
             extract(year FROM ${p.at}::timestamptz)::int AS year, ${p.n}::int * 2 AS twice`
);

Deno.test("fixedStatement() - renders its text once, with one parameter per placeholder use", () => {
  assert.match(ECHO.text, /^SELECT \$1::int \+ 1 AS next, upper\(\$2::text\)/);
  assert.match(ECHO.text, /\$4::int \* 2 AS twice$/);
});

Deno.test("fixedStatement() - binds values by name on the database and inside a transaction", async () => {
  const services = await testServices();
  try {
    const values = { n: 41, word: "tickets", at: "2026-12-07T00:00:00.000Z" };
    type Row = { next: number; shout: string; year: number; twice: number };
    const [row] = await ECHO.rows<Row>(services.db.orm, values);
    assert.deepEqual({ ...row }, { next: 42, shout: "TICKETS", year: 2026, twice: 82 });
    const inside = await services.db.orm.transaction(async (tx) => {
      const [a] = await ECHO.rows<Row>(tx as unknown as Orm, { ...values, n: 1 });
      const [b] = await ECHO.rows<Row>(tx as unknown as Orm, { ...values, n: 2 });
      return [a.next, b.next];
    });
    assert.deepEqual(inside, [2, 3]);
    await assert.rejects(
      ECHO.rows(services.db.orm, { n: 1, word: "x" } as never),
      /No value for placeholder "at"/,
    );
  } finally {
    await services.close();
  }
});

import assert from "node:assert/strict";
import { MAX_PREPARED_PARAMS, preparingParameterizedQueries } from "../../../db/prepared_client.ts";

/** A stand-in for postgres.js that records how `unsafe` was asked to run each query. */
function fakeClient(calls: { text: string; prepare: boolean | undefined }[]) {
  const client = {
    options: { parsers: {} },
    unsafe: (text: string, _params: unknown[], options: { prepare?: boolean } = {}) => {
      calls.push({ text, prepare: options.prepare });
      return Promise.resolve([]);
    },
    begin: (body: (inner: unknown) => unknown) => body(fakeClient(calls)),
    savepoint: (body: (inner: unknown) => unknown) => body(fakeClient(calls)),
  };
  return client;
}

Deno.test("preparingParameterizedQueries() - prepares parameterized queries drizzle sends unprepared, up to the list bound", async () => {
  const calls: { text: string; prepare: boolean | undefined }[] = [];
  const fake = fakeClient(calls);
  const client = preparingParameterizedQueries(fake as never) as unknown as typeof fake;
  const params = (n: number) => Array.from({ length: n }, (_, i) => i);
  await client.unsafe("SELECT 1; SELECT 2", [], { prepare: false });
  await client.unsafe("SELECT $1", params(1), { prepare: false });
  await client.unsafe("IN (...32)", params(MAX_PREPARED_PARAMS), { prepare: false });
  await client.unsafe("IN (...33)", params(MAX_PREPARED_PARAMS + 1), { prepare: true });
  assert.deepEqual(calls.map((c) => [c.text, c.prepare]), [
    ["SELECT 1; SELECT 2", false], // multi-statement text cannot be prepared
    ["SELECT $1", true],
    ["IN (...32)", true],
    ["IN (...33)", false], // a list-sized text would pile up one statement per length
  ]);
  assert.equal(client.options, fake.options, "other members pass through to the client");
});

Deno.test("preparingParameterizedQueries() - the same rule holds inside transactions and savepoints", async () => {
  const calls: { text: string; prepare: boolean | undefined }[] = [];
  const client = preparingParameterizedQueries(fakeClient(calls) as never) as unknown as ReturnType<
    typeof fakeClient
  >;
  await client.begin(async (tx) => {
    const inner = tx as ReturnType<typeof fakeClient>;
    await inner.unsafe("in tx", [1], { prepare: false });
    await inner.savepoint(async (sp) => {
      await (sp as ReturnType<typeof fakeClient>).unsafe("in savepoint", [1], { prepare: false });
    });
  });
  assert.deepEqual(calls.map((c) => [c.text, c.prepare]), [["in tx", true], [
    "in savepoint",
    true,
  ]]);
});

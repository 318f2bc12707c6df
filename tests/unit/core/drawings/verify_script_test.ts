import assert from "node:assert/strict";
import vectors from "./fitdraw_v1_vectors.json" with { type: "json" };

const SCRIPT = new URL("../../../../scripts/verify-drawing.ts", import.meta.url).pathname;
const VECTORS = new URL("./fitdraw_v1_vectors.json", import.meta.url).pathname;

async function verify(...args: string[]): Promise<{ code: number; out: string }> {
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", SCRIPT, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, out: new TextDecoder().decode(stdout) };
}

Deno.test("scripts/verify-drawing.ts - the fixed vectors verify; a changed winner does not", async () => {
  const good = await verify("--vectors", VECTORS);
  assert.equal(good.code, 0, good.out);
  assert.equal(good.out.match(/^VERIFIED/gm)?.length, vectors.length);
  const tampered = structuredClone(vectors);
  const picks = tampered[1].expected.candidates;
  [picks[0].ticket_number, picks[1].ticket_number] = [
    picks[1].ticket_number,
    picks[0].ticket_number,
  ];
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify(tampered));
    const bad = await verify("--vectors", file);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /NOT VERIFIED vector "12 tickets/);
  } finally {
    await Deno.remove(file);
  }
});

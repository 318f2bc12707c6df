import assert from "node:assert/strict";
import { TerraClient } from "../../../integrations/terra/client.ts";
import { TerraError } from "../../../integrations/terra/errors.ts";
import { signTerraPayload, verifyTerraSignature } from "../../../integrations/terra/signature.ts";
import { terraDaily } from "../../../integrations/terra/sim_payloads.ts";
import { TerraSimulator } from "../../../integrations/terra/simulator.ts";

const CREDS = { devId: "dev-1", apiKey: "key-1", webhookSecret: "whsec_test_secret" };

async function withSim(
  fn: (sim: TerraSimulator, client: TerraClient, sleeps: number[]) => Promise<void>,
  received: Request[] = [],
) {
  const sim = new TerraSimulator({
    ...CREDS,
    webhookTarget: (req) => {
      received.push(req);
      return Promise.resolve(new Response("{}", { status: 200 }));
    },
  }).start();
  const sleeps: number[] = [];
  const client = new TerraClient({
    baseUrl: sim.baseUrl,
    devId: CREDS.devId,
    apiKey: CREDS.apiKey,
    timeoutMs: 300,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  try {
    await fn(sim, client, sleeps);
  } finally {
    await sim.stop();
  }
}

Deno.test("Terra signature - matches the documented test vector and rejects a changed byte", async () => {
  const body =
    '{"type":"healthcheck","creation_timestamp":"2024-08-16T11:45:00+00:00","trend_percentage":0,"sent_webhooks_last_hour":3}';
  const header = await signTerraPayload("whsec_test_secret", body, 1723808700);
  assert.equal(
    header,
    "t=1723808700,v1=4df818b4c605e816c1147f73e4d6ed5bb6a30fcbd455ea0bd4fbc2ab9b77e355",
  );
  const now = new Date(1723808700 * 1000 + 299_000);
  assert.deepEqual(
    await verifyTerraSignature({
      header: `v0=abc, ${header}`,
      body,
      secret: "whsec_test_secret",
      now,
    }),
    { ok: true, timestamp: 1723808700 },
  );
  const changed = body.replace("3}", "4}");
  assert.equal(
    (await verifyTerraSignature({ header, body: changed, secret: "whsec_test_secret", now })).ok,
    false,
  );
});

Deno.test("TerraClient - sends dev-id and x-api-key; wrong credentials are a typed 401 that is not retried", async () => {
  await withSim(async (sim, client, sleeps) => {
    const user = sim.addUser("GOOGLE_HEALTH", "ref-1");
    assert.deepEqual((await client.userInfo({ userId: user.user_id }))[0].user_id, user.user_id);
    assert.equal((await client.userInfo({ referenceId: "ref-1" })).length, 1, "array shape");
    const bad = new TerraClient({ baseUrl: sim.baseUrl, devId: "dev-1", apiKey: "wrong" });
    const error = await bad.userInfo({ userId: user.user_id }).catch((e) => e);
    assert.ok(error instanceof TerraError);
    assert.equal(error.kind, "unauthorized");
    assert.match(error.message, /dev-id or x-api-key/);
    assert.ok(!error.message.includes("wrong"), "the key never appears in an error");
    assert.equal(sleeps.length, 0);
  });
});

Deno.test("TerraClient - retries 429 honouring Retry-After and 503 with backoff, then succeeds", async () => {
  await withSim(async (sim, client, sleeps) => {
    const user = sim.addUser("APPLE", null);
    sim.data.get(user.user_id)!.daily.push(terraDaily({ date: "2026-03-14", steps: 1234 }));
    sim.fail(1, { status: 429, retryAfter: 7 });
    sim.fail(1, { status: 503 });
    const body = await client.getDaily({
      userId: user.user_id,
      startDate: "2026-03-14",
      toWebhook: false,
      withSamples: false,
    });
    assert.equal((body.data![0] as { distance_data: { steps: number } }).distance_data.steps, 1234);
    assert.deepEqual(
      sleeps,
      [7000, 250],
      "Retry-After 7 s, then half of the 500 ms backoff (jitter 0.5)",
    );
    const last = sim.requests.at(-1)!;
    assert.equal(last.path, "/daily");
  });
});

Deno.test("TerraClient - gives up after 4 attempts on persistent 5xx and on timeouts, with typed errors", async () => {
  await withSim(async (sim, client, sleeps) => {
    const user = sim.addUser("APPLE", null);
    sim.fail(4, { status: 502 });
    const error = await client.userInfo({ userId: user.user_id }).catch((e) => e);
    assert.equal(error.kind, "server");
    assert.equal(error.details.status, 502);
    assert.equal(sleeps.length, 3);
    sim.fail(4, { status: 200, delayMs: 400 });
    const slow = await client.userInfo({ userId: user.user_id }).catch((e) => e);
    assert.equal(slow.kind, "timeout");
    const missing = await client.userInfo({ userId: "nobody" }).catch((e) => e);
    assert.equal(missing.kind, "not_found");
    assert.match(missing.message, /user not found/, "problem+json detail is read");
    sim.fail(1, { status: 400 });
    const legacy = await client.generateAuthToken().catch((e) => e);
    assert.equal(legacy.kind, "bad_request");
    assert.match(legacy.message, /simulated failure/, "legacy {status, message} is read");
  });
});

Deno.test("TerraClient - widget session falls back to the current endpoint on 410; SDK token, authenticateUser and deauth work", async () => {
  const received: Request[] = [];
  await withSim(async (sim, client) => {
    const legacy = await client.generateWidgetSession({
      referenceId: "u1",
      providers: ["GOOGLE_HEALTH"],
    });
    assert.match(legacy.url, /widget\/session/);
    sim.legacyWidgetGone = true;
    const current = await client.generateWidgetSession({
      referenceId: "u1",
      providers: ["GOOGLE_HEALTH"],
    });
    assert.equal(current.expires_in, 900);
    assert.ok(sim.requests.some((r) => r.path === "/api/widget/session"));
    assert.equal((await client.generateAuthToken()).expires_in, 180);
    const auth = await client.authenticateUser({ resource: "GOOGLE_HEALTH", referenceId: "u1" });
    assert.ok(sim.users.has(auth.user_id));
    await client.deauthenticateUser(auth.user_id);
    assert.equal(received.length, 1);
    const deauth = received[0];
    assert.equal(JSON.parse(await deauth.text()).type, "deauth");
    assert.match(deauth.headers.get("terra-signature") ?? "", /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(deauth.headers.get("x-terra-trace-id"));
  }, received);
});

Deno.test("config - live Terra in production refuses the placeholder credentials, naming each", async () => {
  const { parseConfig, ConfigError } = await import("../../../config.ts");
  const simulated = parseConfig({});
  assert.equal(simulated.TERRA_MODE, "simulated");
  assert.equal(simulated.TERRA_BASE_URL, "https://api.tryterra.co/v2");
  const error = (() => {
    try {
      parseConfig({ APP_ENV: "production", TERRA_MODE: "live" });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof ConfigError);
  for (const key of ["TERRA_DEV_ID", "TERRA_API_KEY", "TERRA_WEBHOOK_SECRET"]) {
    assert.ok(
      error.problems.some((p: string) => p.startsWith(`${key} is required when TERRA_MODE=live`)),
      key,
    );
  }
  assert.ok(!error.message.includes("fittrack-simulated"), "secret values are not echoed");
});

import assert from "node:assert/strict";
import { createApp } from "../../../api/app.ts";
import { runSmoke } from "../../../cli/commands/smoke.ts";
import { createUser } from "../../../core/users/user_operations.ts";
import { userInput } from "../../_support/factories.ts";
import { testServices } from "../../_support/services.ts";

const PASSWORD = "Smoke-Admin-Passw0rd!";

Deno.test("fittrack smoke - every plan scenario passes against a running server, and fails when it is down", async () => {
  const services = await testServices();
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    createApp(services).fetch,
  );
  try {
    const admin = await createUser(services.core, userInput({ role: "admin", password: PASSWORD }));
    const url = `http://127.0.0.1:${server.addr.port}`;
    const checks = await runSmoke({ url, adminEmail: admin.email, adminPassword: PASSWORD });
    assert.deepEqual(checks.filter((c) => !c.ok), [], JSON.stringify(checks, null, 2));
    assert.equal(checks.length, 6);

    const wrong = await runSmoke({ url, adminEmail: admin.email, adminPassword: "nope-nope-nope" });
    assert.deepEqual(
      wrong.filter((c) => !c.ok).map((c) => c.name),
      [
        "user can log in and receive a JWT",
        "user can view leaderboards",
        "user can view drawings",
        "admin can create a drawing",
      ],
    );
  } finally {
    await server.shutdown();
    await services.close();
  }
  const down = await runSmoke({ url: "http://127.0.0.1:9", timeoutMs: 2000 });
  assert.ok(down.every((c) => !c.ok), "nothing passes against a dead address");
});

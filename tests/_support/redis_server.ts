/**
 * A private redis-server on a free port for tests that kill and restart Redis,
 * so the machine's shared Redis is never touched.
 *
 * @module
 */
import { RespClient } from "../../db/cache/resp_client.ts";

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): number {
  const listener = Deno.listen({ port: 0, hostname: "127.0.0.1" });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Starts redis-server on `port` (a free one by default), requiring `password`
 * when given, and waits until it answers PING.
 */
export async function startRedis(
  port = freePort(),
  options: { password?: string } = {},
): Promise<RedisProcess> {
  const child = new Deno.Command("redis-server", {
    args: [
      "--port",
      String(port),
      "--save",
      "",
      "--appendonly",
      "no",
      "--bind",
      "127.0.0.1",
      // DEBUG SLEEP stands in for a Redis that stops answering.
      "--enable-debug-command",
      "local",
      ...(options.password ? ["--requirepass", options.password] : []),
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  const url = `redis://${auth}127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const probe = new RespClient(url, { retryMs: 0 });
    try {
      if (await probe.call(["PING"]) === "PONG") break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.close();
    }
  }
  return {
    url,
    port,
    stop: async () => {
      child.kill("SIGKILL");
      await child.status;
    },
  };
}

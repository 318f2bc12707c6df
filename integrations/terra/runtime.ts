/**
 * The Terra the services use: the live API (TERRA_MODE=live) or the simulated
 * Terra on a loopback port (the default), started on first use so that a
 * process that never talks to Terra opens no port. In simulated mode the
 * widget "completes" at once (the returned URL is Terra's redirect back to
 * us, with the new Terra user) and, unless turned off, each read is answered
 * with synthesized data, so connect → sync → points works offline.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import type { ConnectionStart, GatewayUser, TrackerGateway } from "../../core/trackers/gateway.ts";
import type { NormalizedRecord } from "../../core/ingest/schemas.ts";
import { TerraClient } from "./client.ts";
import { TerraGateway } from "./gateway.ts";
import { providerInfo } from "./providers.ts";
import { synthesizeDays } from "./sim_feed.ts";
import { TerraSimulator } from "./simulator.ts";

export interface TerraRuntime {
  readonly mode: "simulated" | "live";
  readonly gateway: TrackerGateway;
  /** The simulated Terra (started on first use); null in live mode. */
  readonly simulator: TerraSimulator | null;
  /** Simulated mode: answer reads with synthesized data (default true; tests turn it off). */
  synthesize: boolean;
  /** Simulated mode: where the simulator's signed webhooks go (default: dropped). */
  bindWebhooks(handler: (request: Request) => Promise<Response>): void;
  close(): Promise<void>;
}

type Settings = Pick<
  Config,
  | "TERRA_MODE"
  | "TERRA_BASE_URL"
  | "TERRA_DEV_ID"
  | "TERRA_API_KEY"
  | "TERRA_WEBHOOK_SECRET"
  | "TERRA_TIMEOUT_MS"
>;

export function createTerraRuntime(config: Settings): TerraRuntime {
  const credentials = { devId: config.TERRA_DEV_ID, apiKey: config.TERRA_API_KEY };
  if (config.TERRA_MODE === "live") {
    const client = new TerraClient({
      ...credentials,
      baseUrl: config.TERRA_BASE_URL,
      timeoutMs: config.TERRA_TIMEOUT_MS,
    });
    return {
      mode: "live",
      gateway: new TerraGateway(client),
      simulator: null,
      synthesize: false,
      bindWebhooks: () => {},
      close: () => Promise.resolve(),
    };
  }
  let webhooks: ((request: Request) => Promise<Response>) | null = null;
  const simulator = new TerraSimulator({
    ...credentials,
    webhookSecret: config.TERRA_WEBHOOK_SECRET,
    webhookTarget: async (request) => {
      if (webhooks) return await webhooks(request);
      await request.body?.cancel();
      return new Response(null, { status: 204 });
    },
  });
  let inner: TerraGateway | null = null;
  const gateway = (): TerraGateway => {
    if (!inner) {
      simulator.start();
      inner = new TerraGateway(
        new TerraClient({
          ...credentials,
          baseUrl: simulator.baseUrl,
          timeoutMs: config.TERRA_TIMEOUT_MS,
        }),
      );
    }
    return inner;
  };
  const runtime: TerraRuntime = {
    mode: "simulated",
    simulator,
    synthesize: true,
    bindWebhooks: (handler) => (webhooks = handler),
    close: async () => {
      if (inner) await simulator.stop();
      inner = null;
    },
    gateway: {
      async beginConnection(input): Promise<ConnectionStart> {
        const start = await gateway().beginConnection(input);
        if (start.flow === "sdk") return start;
        // The simulated user "completes" the widget: Terra creates the user and
        // redirects the browser to the success URL with these parameters.
        const resource = providerInfo(input.provider)!.terraResource;
        const user = simulator.addUser(resource, input.userId);
        const back = new URL(input.successUrl);
        back.searchParams.set("user_id", user.user_id);
        back.searchParams.set("resource", resource);
        back.searchParams.set("reference_id", input.userId);
        return { ...start, url: back.toString() };
      },
      findUser: (terraUserId): Promise<GatewayUser | null> => gateway().findUser(terraUserId),
      disconnect: (terraUserId) => gateway().disconnect(terraUserId),
      fetchRecords(input): Promise<NormalizedRecord[]> {
        const inner = gateway();
        if (runtime.synthesize) {
          // The simulator keeps users in memory; after a restart they come back here.
          const known = simulator.users.get(input.terraUserId);
          if (!known) {
            simulator.users.set(input.terraUserId, {
              user_id: input.terraUserId,
              provider: "GOOGLE_HEALTH",
              reference_id: null,
              active: true,
              scopes: null,
              created_at: input.from.toISOString(),
              last_webhook_update: null,
            });
          }
          simulator.data.set(
            input.terraUserId,
            synthesizeDays(input.terraUserId, input.from, input.to),
          );
        }
        return inner.fetchRecords(input);
      },
    },
  };
  return runtime;
}

/**
 * The {@link TrackerGateway} port over the Terra client: provider names
 * mapped through the one table, synchronous reads (`to_webhook=false`,
 * `with_samples=false`), Terra failures turned into "reconnect" or "try later".
 *
 * @module
 */
import {
  type ConnectionStart,
  type GatewayUser,
  type TrackerGateway,
  TrackerGatewayError,
} from "../../core/trackers/gateway.ts";
import type { NormalizedRecord, TrackerProvider } from "../../core/ingest/schemas.ts";
import type { TerraClient } from "./client.ts";
import { TerraError } from "./errors.ts";
import { normalizeActivity, normalizeDaily } from "./normalize.ts";
import { providerFromTerra, providerInfo } from "./providers.ts";

/** Terra answers 404 for a user it no longer knows: the connection is gone at Terra. */
function translate(error: unknown): unknown {
  if (!(error instanceof TerraError)) return error;
  const kind = error.kind === "not_found" ? "auth" : "unavailable";
  return new TrackerGatewayError(kind, error.message);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export class TerraGateway implements TrackerGateway {
  constructor(private readonly client: TerraClient) {}

  async beginConnection(input: {
    provider: TrackerProvider;
    userId: string;
    successUrl: string;
    failureUrl: string;
  }): Promise<ConnectionStart> {
    const info = providerInfo(input.provider)!;
    try {
      if (info.sdkOnly) {
        const { token, expires_in } = await this.client.generateAuthToken();
        return { flow: "sdk", token, expiresIn: expires_in };
      }
      const session = await this.client.generateWidgetSession({
        referenceId: input.userId,
        providers: [info.terraResource],
        successUrl: input.successUrl,
        failureUrl: input.failureUrl,
      });
      return {
        flow: "widget",
        url: session.url,
        sessionId: session.session_id,
        expiresIn: session.expires_in,
      };
    } catch (error) {
      throw translate(error);
    }
  }

  async findUser(terraUserId: string): Promise<GatewayUser | null> {
    try {
      const [user] = await this.client.userInfo({ userId: terraUserId });
      if (!user) return null;
      return {
        terraUserId: user.user_id,
        provider: providerFromTerra(user.provider),
        referenceId: user.reference_id ?? null,
        active: user.active !== false,
      };
    } catch (error) {
      if (error instanceof TerraError && error.kind === "not_found") return null;
      throw translate(error);
    }
  }

  async disconnect(terraUserId: string): Promise<void> {
    try {
      await this.client.deauthenticateUser(terraUserId);
    } catch (error) {
      if (error instanceof TerraError && error.kind === "not_found") return;
      throw translate(error);
    }
  }

  async fetchRecords(
    input: { terraUserId: string; from: Date; to: Date },
  ): Promise<NormalizedRecord[]> {
    const query = { userId: input.terraUserId, toWebhook: false, withSamples: false };
    try {
      const activity = await this.client.getActivity({
        ...query,
        startDate: String(Math.floor(input.from.getTime() / 1000)),
        endDate: String(Math.ceil(input.to.getTime() / 1000)),
      });
      const daily = await this.client.getDaily({
        ...query,
        startDate: day(input.from),
        endDate: day(input.to),
      });
      return [
        ...(activity.data ?? []).map(normalizeActivity),
        ...(daily.data ?? []).map(normalizeDaily),
      ].filter((r): r is NormalizedRecord => r !== null);
    } catch (error) {
      throw translate(error);
    }
  }
}

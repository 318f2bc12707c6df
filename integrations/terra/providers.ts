/**
 * The one table between FitTrack's provider names and Terra's. Apple Health
 * and Google Fit (Health Connect) exist only through Terra's mobile SDKs;
 * Fitbit's web API moved to GOOGLE_HEALTH, so Fitbit connects there and both
 * names map back to `fitbit`.
 *
 * @module
 */
import type { TrackerProvider } from "../../core/ingest/schemas.ts";

export interface ProviderInfo {
  /** FitTrack's name (tracker_connections.provider). */
  provider: TrackerProvider;
  label: string;
  /** The Terra resource to connect with. */
  terraResource: string;
  /** True when only the mobile SDK can connect it (initiate answers an SDK token). */
  sdkOnly: boolean;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  { provider: "apple_health", label: "Apple Health", terraResource: "APPLE", sdkOnly: true },
  { provider: "google_fit", label: "Google Fit", terraResource: "GOOGLEFIT", sdkOnly: true },
  { provider: "fitbit", label: "Fitbit", terraResource: "GOOGLE_HEALTH", sdkOnly: false },
];

/** Terra `user.provider` strings (an open set) → FitTrack provider; unknown ones are absent. */
const FROM_TERRA: Record<string, TrackerProvider> = {
  APPLE: "apple_health",
  GOOGLEFIT: "google_fit",
  GOOGLE: "google_fit",
  HEALTH_CONNECT: "google_fit",
  FITBIT: "fitbit",
  GOOGLE_HEALTH: "fitbit",
};

/** FitTrack's provider for a Terra provider string, or null when FitTrack has none. */
export function providerFromTerra(
  terraProvider: string | null | undefined,
): TrackerProvider | null {
  return FROM_TERRA[(terraProvider ?? "").trim().toUpperCase()] ?? null;
}

/** The table row for a FitTrack provider name. */
export function providerInfo(provider: string): ProviderInfo | null {
  return PROVIDERS.find((p) => p.provider === provider) ?? null;
}

/**
 * Terra: API client, webhook signature and delivery reading, payload
 * normalization, the provider table and a simulated Terra for offline use.
 *
 * @module
 */
export * from "./client.ts";
export * from "./errors.ts";
export * from "./normalize.ts";
export * from "./providers.ts";
export * from "./signature.ts";
export * from "./webhook.ts";
export * from "./sim_payloads.ts";
export * from "./simulator.ts";

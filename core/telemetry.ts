/**
 * Business events the core reports once the transaction that made them true
 * has committed; services.ts counts them for /metrics. Optional in CoreDeps:
 * scripts and tests that build their own deps need not count anything.
 *
 * @module
 */

export interface Telemetry {
  registered(): void;
  ticketsPurchased(drawingType: string, quantity: number): void;
  pointsEarned(points: number): void;
  drawingExecuted(drawingType: string): void;
}

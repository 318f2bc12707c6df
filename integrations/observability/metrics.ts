/**
 * A small Prometheus registry: counters, gauges and histograms with labels,
 * rendered in the text exposition format (version 0.0.4).
 *
 * @module
 */
import type { Telemetry } from "../../core/telemetry.ts";

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function escape(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.entries(all).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length > 0 ? `{${parts.join(",")}}` : "";
}

interface Metric {
  name: string;
  help: string;
  render(): string[];
}

export class Counter implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const entry = this.#values.get(k) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(k, entry);
  }
  value(labels: Labels = {}): number {
    return this.#values.get(key(labels))?.value ?? 0;
  }
  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.#values.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`),
    ];
  }
}

export class Gauge implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly collect?: () => { labels: Labels; value: number }[],
  ) {}
  set(value: number, labels: Labels = {}): void {
    this.#values.set(key(labels), { labels, value });
  }
  add(by: number, labels: Labels = {}): void {
    const k = key(labels);
    const entry = this.#values.get(k) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(k, entry);
  }
  render(): string[] {
    const entries = this.collect ? this.collect() : [...this.#values.values()];
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      ...entries.map((e) => `${this.name}${labelText(e.labels)} ${e.value}`),
    ];
  }
}

export class Histogram implements Metric {
  readonly #values = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  constructor(readonly name: string, readonly help: string, readonly buckets: number[]) {}
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    const entry = this.#values.get(k) ??
      { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((b, i) => {
      if (value <= b) entry.counts[i]++;
    });
    entry.sum += value;
    entry.count++;
    this.#values.set(k, entry);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const e of this.#values.values()) {
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket${labelText(e.labels, { le: String(b) })} ${e.counts[i]}`);
      });
      lines.push(`${this.name}_bucket${labelText(e.labels, { le: "+Inf" })} ${e.count}`);
      lines.push(`${this.name}_sum${labelText(e.labels)} ${e.sum}`);
      lines.push(`${this.name}_count${labelText(e.labels)} ${e.count}`);
    }
    return lines;
  }
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every metric FitTrack exports; one instance per process (built in services.ts). */
export function createMetrics() {
  const metrics = {
    httpRequests: new Counter("http_requests_total", "HTTP requests by method, route and status"),
    httpDuration: new Histogram(
      "http_request_duration_seconds",
      "HTTP request duration by method and route",
      LATENCY_BUCKETS,
    ),
    httpInFlight: new Gauge("http_requests_in_flight", "HTTP requests being served"),
    jobRuns: new Counter("job_runs_total", "Job ticks by job and outcome"),
    jobDuration: new Histogram("job_duration_seconds", "Job tick duration by job", LATENCY_BUCKETS),
    registrations: new Counter("user_registrations_total", "Accounts registered"),
    ticketsPurchased: new Counter("tickets_purchased_total", "Tickets bought, by drawing type"),
    pointsEarned: new Counter("points_earned_total", "Points paid out by the points engine"),
    drawingsExecuted: new Counter("drawings_executed_total", "Drawings executed"),
    cacheOps: new Counter("cache_operations_total", "Cache lookups by result (hit, miss)"),
  };
  const extra: Metric[] = [
    new Gauge("process_resident_memory_bytes", "Resident memory of this process", () => [
      { labels: {}, value: Deno.memoryUsage().rss },
    ]),
  ];
  return {
    ...metrics,
    /** Adds a metric computed at scrape time (e.g. the database pool). */
    register(metric: Metric): void {
      extra.push(metric);
    },
    render(): string {
      return [...Object.values(metrics), ...extra].flatMap((m) => m.render()).join("\n") + "\n";
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The core's business events counted in `metrics` (see core/telemetry.ts). */
export function telemetryOf(metrics: Metrics): Telemetry {
  return {
    registered: () => metrics.registrations.inc(),
    ticketsPurchased: (drawingType, quantity) =>
      metrics.ticketsPurchased.inc({ drawing_type: drawingType }, quantity),
    pointsEarned: (points) => metrics.pointsEarned.inc({}, points),
    drawingExecuted: (drawingType) => metrics.drawingsExecuted.inc({ drawing_type: drawingType }),
  };
}

import type { IntegrityCheck, Summary } from "./schemas.ts";

export interface ReportRepo {
  /** Counts per entity, breakdowns and workflow figures as of `now`. */
  summary(now: Date): Promise<Omit<Summary, "generated_at" | "integrity">>;
  /** Runs each integrity query; a check passes when it finds no violating row. */
  integrity(): Promise<IntegrityCheck[]>;
}

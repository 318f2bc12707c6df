import type { ListQuery, Page } from "../pagination.ts";
import type {
  CreateDrawingInput,
  Drawing,
  DrawingFilter,
  DrawingSort,
  DrawingStatus,
} from "./schemas.ts";

export interface DrawingPatch {
  name?: string;
  description?: string | null;
  ticket_cost_points?: number;
  drawing_time?: Date;
  ticket_sales_close?: Date;
  eligibility?: Record<string, unknown>;
  status?: DrawingStatus;
  completed_at?: Date;
  ticket_sales_open?: Date | null;
  per_user_cap?: number;
  free_entries_per_user?: number;
  rules_text?: string | null;
  rules_sha256?: string | null;
  commitment?: string;
  seed_secret?: string;
  pseudonym_key?: string;
  merkle_root?: string;
  frozen_ticket_count?: number;
  closed_at?: Date;
  cancelled_at?: Date;
  winner_selected_at?: Date;
  random_seed?: string;
  use_beacon?: boolean;
  beacon_round?: number;
}

/** Where a drawing created from a template comes from (unique per template and period). */
export interface DrawingOrigin {
  template_id: string;
  period_start: Date;
}

/** The private fitdraw-v1 inputs: S (revealed at execution) and the pseudonym key (never). */
export interface DrawingSecrets {
  seed_secret: string | null;
  pseudonym_key: string | null;
}

/** A published result: the proof and when it was produced. */
export interface DrawingResultRow {
  drawing_id: string;
  proof: Record<string, unknown>;
  executed_at: string;
  executed_by: string | null;
}

export interface DrawingRepo {
  insert(
    input: CreateDrawingInput,
    createdBy: string | null,
    rulesSha256?: string | null,
  ): Promise<Drawing>;
  /**
   * Inserts the drawing of one template period; null when that period's
   * drawing already exists (the unique (template_id, period_start) key).
   */
  insertFromTemplate(
    input: CreateDrawingInput,
    origin: DrawingOrigin,
    rulesSha256: string | null,
  ): Promise<Drawing | null>;
  findById(id: string): Promise<Drawing | null>;
  list(query: ListQuery<DrawingSort, DrawingFilter>): Promise<Page<Drawing>>;
  update(id: string, patch: DrawingPatch, expectedVersion?: number): Promise<Drawing | null>;
  /** Reads and locks the row until the transaction ends (SELECT ... FOR UPDATE). */
  lock(id: string): Promise<Drawing | null>;
  secrets(id: string): Promise<DrawingSecrets | null>;
  /** Drawings whose time has come to open (scheduled) or close (open), oldest first. */
  dueToAdvance(now: Date, limit: number): Promise<{ id: string; status: DrawingStatus }[]>;
  /** Closed drawings whose drawing_time has passed, oldest first. */
  dueToExecute(now: Date, limit: number): Promise<string[]>;
  /** Inserts the result row; false when one exists (the exactly-once fact). */
  insertResult(
    drawingId: string,
    proof: Record<string, unknown>,
    executedBy: string | null,
  ): Promise<boolean>;
  result(drawingId: string): Promise<DrawingResultRow | null>;
  /** Replaces the proof after a forfeit (the selection is unchanged; outcomes move). */
  updateResult(drawingId: string, proof: Record<string, unknown>): Promise<void>;
}

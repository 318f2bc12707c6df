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
}

export interface DrawingRepo {
  insert(input: CreateDrawingInput, createdBy: string | null): Promise<Drawing>;
  findById(id: string): Promise<Drawing | null>;
  list(query: ListQuery<DrawingSort, DrawingFilter>): Promise<Page<Drawing>>;
  update(id: string, patch: DrawingPatch, expectedVersion?: number): Promise<Drawing | null>;
}

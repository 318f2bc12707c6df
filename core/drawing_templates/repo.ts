import type { ListQuery, Page } from "../pagination.ts";
import type {
  CreateTemplateInput,
  DrawingTemplate,
  TemplateFilter,
  TemplateSort,
  UpdateTemplateInput,
} from "./schemas.ts";

export type TemplatePatch = Omit<UpdateTemplateInput, "version">;

export interface DrawingTemplateRepo {
  insert(input: CreateTemplateInput, createdBy: string | null): Promise<DrawingTemplate>;
  findById(id: string): Promise<DrawingTemplate | null>;
  list(query: ListQuery<TemplateSort, TemplateFilter>): Promise<Page<DrawingTemplate>>;
  /** Applies `patch` (at `expectedVersion` when given); null when not found or changed since. */
  update(
    id: string,
    patch: TemplatePatch,
    expectedVersion?: number,
  ): Promise<DrawingTemplate | null>;
  /** Deletes the template; its drawings stay (their template_id becomes null). */
  delete(id: string): Promise<boolean>;
  /** Active templates, oldest first. */
  active(limit: number): Promise<DrawingTemplate[]>;
}

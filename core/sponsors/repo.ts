import type { ListQuery, Page } from "../pagination.ts";
import type { CreateSponsorInput, Sponsor, UpdateSponsorInput } from "./schemas.ts";

export interface SponsorRepo {
  insert(input: CreateSponsorInput): Promise<Sponsor>;
  findById(id: string): Promise<Sponsor | null>;
  list(query: ListQuery<"name" | "created_at", "status">): Promise<Page<Sponsor>>;
  update(id: string, patch: UpdateSponsorInput): Promise<Sponsor | null>;
  softDelete(id: string, at: Date): Promise<boolean>;
}

import { DomainError, notFound } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { ListQuery, Page } from "../pagination.ts";
import type { CreateSponsorInput, Sponsor, UpdateSponsorInput } from "./schemas.ts";

function duplicateName(): DomainError {
  return new DomainError("conflict", "A sponsor with this name already exists.", {
    errors: [{ field: "name", message: "is already used by another sponsor" }],
  });
}

async function assertNameFree(deps: CoreDeps, name: string, exceptId?: string): Promise<void> {
  const page = await deps.store.sponsors.list({
    page: 1,
    perPage: 100,
    sort: [{ field: "name", direction: "asc" }],
    filters: {},
  });
  const clash = page.items.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (clash && clash.id !== exceptId) throw duplicateName();
}

export async function createSponsor(deps: CoreDeps, input: CreateSponsorInput): Promise<Sponsor> {
  await assertNameFree(deps, input.name);
  return await deps.store.sponsors.insert(input);
}

export async function getSponsor(deps: CoreDeps, id: string): Promise<Sponsor> {
  const sponsor = await deps.store.sponsors.findById(id);
  if (!sponsor) throw notFound("Sponsor", id);
  return sponsor;
}

export async function listSponsors(
  deps: CoreDeps,
  query: ListQuery<"name" | "created_at", "status">,
): Promise<Page<Sponsor>> {
  return await deps.store.sponsors.list(query);
}

export async function updateSponsor(
  deps: CoreDeps,
  id: string,
  input: UpdateSponsorInput,
): Promise<Sponsor> {
  if (input.name) await assertNameFree(deps, input.name, id);
  const sponsor = await deps.store.sponsors.update(id, input);
  if (!sponsor) throw notFound("Sponsor", id);
  return sponsor;
}

export async function deleteSponsor(deps: CoreDeps, id: string): Promise<void> {
  if (!await deps.store.sponsors.softDelete(id, deps.clock.now())) throw notFound("Sponsor", id);
}

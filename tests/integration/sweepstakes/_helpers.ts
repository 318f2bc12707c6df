/**
 * Sweepstakes test setup: an open drawing, a user holding points, purchases
 * over HTTP.
 *
 * @module
 */
import { createDrawing } from "../../../core/drawings/drawing_operations.ts";
import { transitionDrawing } from "../../../core/drawings/transition_drawing.ts";
import type { CreateDrawingInput, Drawing } from "../../../core/drawings/schemas.ts";
import { postLedgerEntry } from "../../../core/points/adjust_points.ts";
import type { Role, User } from "../../../core/users/schemas.ts";
import { authUser } from "../../_support/auth.ts";
import { drawingInput } from "../../_support/factories.ts";
import type { TestContext } from "../../_support/services.ts";

/** A drawing created, scheduled (commitment) and opened for sales. */
export async function openDrawing(
  t: TestContext,
  overrides: Partial<CreateDrawingInput> = {},
): Promise<Drawing> {
  const core = t.services.core;
  const drawing = await createDrawing(
    core,
    drawingInput({
      drawing_time: "2099-01-10T20:00:00.000Z",
      ticket_sales_close: "2099-01-10T19:55:00.000Z",
      ...overrides,
    }),
  );
  await transitionDrawing(core, drawing.id, "scheduled");
  return await transitionDrawing(core, drawing.id, "open");
}

/** A fresh user with `role` holding `points`, and their auth headers. */
export async function fundedUser(
  t: TestContext,
  points: number,
  role: Role = "user",
): Promise<{ user: User; headers: Record<string, string> }> {
  const { user, headers } = await authUser(t, role);
  if (points > 0) {
    await postLedgerEntry(t.services.core, {
      user_id: user.id,
      transaction_type: "adjust",
      amount: points,
      description: "test funding",
    });
  }
  return { user, headers };
}

/** POST /api/v1/drawings/{id}/tickets. */
export function buy(
  t: TestContext,
  headers: Record<string, string>,
  drawingId: string,
  quantity: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  return t.request(`/api/v1/drawings/${drawingId}/tickets`, {
    method: "POST",
    headers: { ...headers, ...extra },
    json: { quantity },
  });
}

/** The user's balance and ledger sum, straight from the database. */
export async function balanceOf(t: TestContext, userId: string) {
  return (await t.services.core.store.points.balance(userId))!;
}

/** An admin's headers. */
export async function adminHeaders(t: TestContext): Promise<Record<string, string>> {
  return (await authUser(t, "admin")).headers;
}

/**
 * An open drawing with `prizes`, `buyers` users who each bought `each` tickets,
 * then closed (frozen) — ready to execute.
 */
export async function closedDrawing(
  t: TestContext,
  options:
    & { prizes: CreateDrawingInput["prizes"]; buyers: number; each?: number }
    & Partial<
      CreateDrawingInput
    >,
): Promise<{ drawing: Drawing; buyers: { user: User; headers: Record<string, string> }[] }> {
  const { buyers: count, each = 2, ...overrides } = options;
  const drawing = await openDrawing(t, { ticket_cost_points: 10, ...overrides });
  const buyers = [];
  for (let i = 0; i < count; i++) {
    const buyer = await fundedUser(t, 10 * each);
    const response = await buy(t, buyer.headers, drawing.id, each);
    if (response.status !== 201) throw new Error(`purchase failed: ${await response.text()}`);
    buyers.push(buyer);
  }
  const closed = await transitionDrawing(t.services.core, drawing.id, "closed");
  return { drawing: closed, buyers };
}

/** Every page of the published leaf list. */
export async function allLeaves(t: TestContext, drawingId: string) {
  const items: { ticket_number: number; ticket_id: string; pseudonym: string }[] = [];
  for (let page = 1;; page++) {
    const r = await t.request(`/api/v1/drawings/${drawingId}/proof/leaves?page=${page}&per_page=7`);
    const body = await r.json();
    items.push(...body.items);
    if (items.length >= body.total) return items;
  }
}

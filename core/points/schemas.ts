import { z } from "zod";
import type { ListSpec } from "../pagination.ts";

export const TRANSACTION_TYPES = ["earn", "spend", "adjust", "refund"] as const;
export type TransactionType = typeof TRANSACTION_TYPES[number];

export const PointTransactionSchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  transaction_type: z.enum(TRANSACTION_TYPES),
  amount: z.number().int(),
  balance_after: z.number().int(),
  reference_type: z.string().nullable(),
  reference_id: z.uuid().nullable(),
  description: z.string(),
  created_at: z.string(),
});
export type PointTransaction = z.infer<typeof PointTransactionSchema>;

export const BalanceSchema = z.object({
  user_id: z.uuid(),
  point_balance: z.number().int(),
  points_earned_total: z.number().int(),
  ledger_sum: z.number().int(),
  consistent: z.boolean(),
});
export type Balance = z.infer<typeof BalanceSchema>;

export const POINT_SORTS = ["created_at", "amount"] as const;
export const POINT_FILTERS = ["user_id", "transaction_type", "reference_type"] as const;
export type PointSort = typeof POINT_SORTS[number];
export type PointFilter = typeof POINT_FILTERS[number];

export const POINT_LIST_SPEC: ListSpec<PointSort, PointFilter> = {
  sortable: POINT_SORTS,
  defaultSort: [{ field: "created_at", direction: "desc" }],
  filters: {
    user_id: z.uuid({ message: "must be a UUID" }),
    transaction_type: z.enum(TRANSACTION_TYPES, {
      message: `must be one of ${TRANSACTION_TYPES.join(", ")}`,
    }),
    reference_type: z.string().max(50),
  },
};

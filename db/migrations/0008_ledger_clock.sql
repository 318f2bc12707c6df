-- Ledger rows take the time they are written, not their transaction's start:
-- balance moves serialize on the user row, so clock_timestamp() at insert
-- orders entries exactly as their balance_after values were produced, even when
-- a transaction that started earlier writes its entry later.
ALTER TABLE point_transactions ALTER COLUMN created_at SET DEFAULT clock_timestamp();

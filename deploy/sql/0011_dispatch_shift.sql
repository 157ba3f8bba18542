-- The shift a reading task was assigned in, for workload statistics per shift.
ALTER TABLE reading_tasks ADD COLUMN shift_id text NULL;
CREATE INDEX reading_tasks_by_pool_shift ON reading_tasks (pool_id, shift_id, created_at);

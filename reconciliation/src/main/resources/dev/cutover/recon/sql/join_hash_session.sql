-- Settings of the join diff's read-only transaction when a table is not stored in key order
-- (is_local = true: they end with it). Reading such a table through its key index visits its
-- pages at random; the planner's hash or sort-merge full join reads each table once in sequence,
-- with memory enough to keep most of the hash table in memory (docs/benchmarks.md).
SELECT set_config('work_mem', '64MB', true)

-- Settings of the join diff's read-only transaction when both tables are stored in key order
-- (is_local = true: they end with it). Both tables are read in key order through their unique key
-- indexes and merged, which reads their pages in sequence and lets key ranges run at once: a hash
-- full join of two large tables would spill both to disk in batches.
SELECT set_config('enable_hashjoin', 'off', true)

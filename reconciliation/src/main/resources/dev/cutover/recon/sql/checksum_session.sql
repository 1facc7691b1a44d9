-- Settings of one checksum query's read-only transaction (is_local = true: they end with it).
-- Parameter 1: work_mem, sized to the number of segments the query groups by.
-- The planner cannot estimate how many key-hash segments a GROUP BY makes: it guesses one per row
-- and, on a table without statistics, sorts the whole table on disk (25M rows: 1.6 GB of temp
-- files, 4x slower than hashing). With sorting off it always hashes, and sizes the hash table to
-- work_mem (its guess of the groups being larger): a table just big enough for the segments
-- measured faster than a 64 MB one.
SELECT set_config('enable_sort', 'off', true), set_config('work_mem', ?, true)

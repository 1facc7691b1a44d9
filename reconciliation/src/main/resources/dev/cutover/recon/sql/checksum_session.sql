-- Settings of one checksum query's read-only transaction (is_local = true: they end with it).
-- Parameter 1: work_mem, sized to the number of segments the query groups by.
-- The planner cannot estimate how many key-hash segments a GROUP BY makes: it guesses one per row
-- and, on a table without statistics, sorts the whole table on disk, several times slower than
-- hashing (docs/benchmarks.md, "Checksum at 25M rows by key hash"). With sorting off it always
-- hashes, and sizes the hash table to work_mem (its guess of the groups being larger): a table
-- just big enough for the segments is faster than a large one.
SELECT set_config('enable_sort', 'off', true), set_config('work_mem', ?, true)

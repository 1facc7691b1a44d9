-- How one side's key column is stored, for the checksum diff's key-range segments
-- (parameters: schema, table, key column). One row, or none when the column does not exist:
--   collation_schema, collation  the column's collation (NULL for types without one);
--   indexed    a valid btree index starts with the column, in that collation (a range of keys is
--              then an index range scan);
--   correlation how closely the table's physical order follows the key, from ANALYZE's statistics
--              (NULL when never analysed): reading a key range then touches few pages;
--   pages      the table's size in pages, where the boundary sample is taken.
SELECT cn.nspname::text AS collation_schema, coll.collname::text AS collation,
       EXISTS (SELECT 1
               FROM pg_catalog.pg_index i
               JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
               JOIN pg_catalog.pg_am am ON am.oid = ic.relam
               WHERE i.indrelid = c.oid AND i.indisvalid AND i.indpred IS NULL
                 AND am.amname = 'btree' AND i.indkey[0] = a.attnum
                 AND i.indcollation[0] = a.attcollation) AS indexed,
       (SELECT s.correlation
        FROM pg_catalog.pg_stats s
        WHERE s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
        LIMIT 1) AS correlation,
       pg_catalog.pg_relation_size(c.oid) / current_setting('block_size')::bigint AS pages
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = coll.collnamespace
WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND c.relkind IN ('r', 'm')

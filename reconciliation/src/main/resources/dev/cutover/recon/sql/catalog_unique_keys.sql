-- The column sets of the unique indexes (primary key included) of one table
-- (parameters: schema, table): a key covering one of them cannot repeat.
SELECT array_agg(a.attname::text ORDER BY a.attnum)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indpred IS NULL
  AND i.indexprs IS NULL
GROUP BY i.indexrelid

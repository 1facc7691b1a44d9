-- Named statements on a schema given as ${SCHEMA}.

-- name: clear
TRUNCATE ${SCHEMA}.t;

-- name: insert
-- one row
INSERT INTO ${SCHEMA}.t VALUES (?)

-- A test script: a connector table with placeholders, one of them optional.
CREATE TABLE t (a INT) WITH (
    'connector' = '${CONNECTOR}',
    'password' = '${PASSWORD}',
    'sink.parallelism' = '${SINK_PARALLELISM?}',
    'sink.max-retries' = '3'
);
INSERT INTO t VALUES (1);

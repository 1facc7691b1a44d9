-- The JDBC sinks: the stream.* tables of model/src/main/resources/db/output (created by Flyway,
-- not here). With a PRIMARY KEY the PostgreSQL dialect writes INSERT ... ON CONFLICT (pk) DO
-- UPDATE, so replays after a restart are idempotent. written_at is not a column here: the
-- database's trigger sets it at commit.
--
-- Times are TIMESTAMP(3) here, the UTC wall-clock time (insert_sinks.sql casts the instants with
-- table.local-time-zone = UTC): connector 4.0.0-2.0 cannot write TIMESTAMP_LTZ ("Unsupported
-- type"), and pgjdbc sends a TIMESTAMP in the JVM's zone, so task managers MUST run with
-- -Duser.timezone=UTC (Managed Flink does) for the TIMESTAMPTZ columns to get the right instant.
--
-- Placeholders: ${JDBC_URL}, ${JDBC_USER}, ${JDBC_PASSWORD}, ${SCHEMA}, ${BATCH_SIZE},
-- ${FLUSH_INTERVAL}, ${HOURLY_BATCH_SIZE}, ${HOURLY_FLUSH_INTERVAL}, ${MAX_RETRIES},
-- ${SINK_PARALLELISM?}. The connector's defaults (100 rows / 1 s) are far too small for throughput
-- (docs/benchmarks.md has the measurement).
--
-- The connector's buffer keeps the last row per primary key until it flushes (after max-rows
-- changes, after the interval, and at every checkpoint, so a restart replays nothing that was not
-- flushed). account_hourly_spend changes far more often than it has rows (each transaction updates
-- its account-hour), so its sink counts many more changes and waits longer before a flush: every
-- hourly row is written once per flush however often it changed (docs/benchmarks.md: most upserts
-- of that table rewrote rows that changed again within seconds).
--
-- 'cutover-jdbc' is the JDBC connector's sink with the same options, guarded
-- (dev.cutover.stream.sink.GuardedSinkFunction): when the database goes away the connector's
-- close() throws, which Flink treats as fatal to the whole TaskManager; guarded, the sink's task
-- fails with one line naming the database and the restart strategy restarts it.
--
-- 'sink.parallelism' is optional (${NAME?}: SqlResource leaves the line out when option
-- sink.parallelism is 0): unset, the sinks run at the job's parallelism, chained to the
-- transform; set, the planner adds a shuffle by primary key in front of them.
CREATE TEMPORARY TABLE card_transactions_sink (
    transaction_id    STRING         NOT NULL,
    account_id        STRING         NOT NULL,
    event_time        TIMESTAMP(3)   NOT NULL,
    event_hour        TIMESTAMP(3)   NOT NULL,
    amount            DECIMAL(18, 2) NOT NULL,
    currency          STRING         NOT NULL,
    amount_usd        DECIMAL(18, 2) NOT NULL,
    merchant_category STRING         NOT NULL,
    status            STRING         NOT NULL,
    is_international  BOOLEAN        NOT NULL,
    masked_card       STRING         NOT NULL,
    kafka_timestamp   TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (transaction_id) NOT ENFORCED
) WITH (
    'connector' = 'cutover-jdbc',
    'url' = '${JDBC_URL}',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}',
    'table-name' = '${SCHEMA}.card_transactions',
    'sink.buffer-flush.max-rows' = '${BATCH_SIZE}',
    'sink.buffer-flush.interval' = '${FLUSH_INTERVAL}',
    'sink.parallelism' = '${SINK_PARALLELISM?}',
    'sink.max-retries' = '${MAX_RETRIES}'
);

CREATE TEMPORARY TABLE account_hourly_spend_sink (
    account_id          STRING         NOT NULL,
    hour_start          TIMESTAMP(3)   NOT NULL,
    txn_count           BIGINT         NOT NULL,
    approved_amount_usd DECIMAL(18, 2) NOT NULL,
    declined_count      BIGINT         NOT NULL,
    international_count BIGINT         NOT NULL,
    max_amount_usd      DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (account_id, hour_start) NOT ENFORCED
) WITH (
    'connector' = 'cutover-jdbc',
    'url' = '${JDBC_URL}',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}',
    'table-name' = '${SCHEMA}.account_hourly_spend',
    'sink.buffer-flush.max-rows' = '${HOURLY_BATCH_SIZE}',
    'sink.buffer-flush.interval' = '${HOURLY_FLUSH_INTERVAL}',
    'sink.parallelism' = '${SINK_PARALLELISM?}',
    'sink.max-retries' = '${MAX_RETRIES}'
);

-- Keyed by the record's position: a replay rewrites the same row.
CREATE TEMPORARY TABLE dead_letters_sink (
    topic           STRING NOT NULL,
    kafka_partition INT    NOT NULL,
    kafka_offset    BIGINT NOT NULL,
    kafka_timestamp TIMESTAMP(3),
    reason          STRING NOT NULL,
    detail          STRING,
    raw_base64      STRING,
    PRIMARY KEY (topic, kafka_partition, kafka_offset) NOT ENFORCED
) WITH (
    'connector' = 'cutover-jdbc',
    'url' = '${JDBC_URL}',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}',
    'table-name' = '${SCHEMA}.dead_letters',
    'sink.buffer-flush.max-rows' = '${BATCH_SIZE}',
    'sink.buffer-flush.interval' = '${FLUSH_INTERVAL}',
    'sink.parallelism' = '${SINK_PARALLELISM?}',
    'sink.max-retries' = '${MAX_RETRIES}'
);

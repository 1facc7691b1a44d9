-- The batch job's run log (batch-baseline). One row per successful hourly run, written in the same
-- transaction that replaces the hour's rows. The resolved Kafka offsets make a run repeatable: a
-- rerun of the hour reads exactly these ranges (start inclusive, end exclusive) unless told to
-- resolve them again. Applied by the job itself with its own Flyway history table
-- (flyway_batch_runs_history), beside the output tables of the same schema.
CREATE TABLE runs (
    run_id             UUID           NOT NULL PRIMARY KEY,
    hour_start         TIMESTAMPTZ    NOT NULL,  -- the hour [hour_start, hour_start + 1h)
    topic              TEXT           NOT NULL,
    read_from          TIMESTAMPTZ    NOT NULL,  -- hour_start - lookback, by record timestamp
    cutoff             TIMESTAMPTZ    NOT NULL,  -- hour_start + 1h + grace, exclusive
    start_offsets      JSONB          NOT NULL,  -- {"partition": first offset read}
    end_offsets        JSONB          NOT NULL,  -- {"partition": offset after the last one read}
    offsets_from_run   UUID,                     -- the earlier run whose offsets were reused
    records_read       BIGINT         NOT NULL,
    transactions       BIGINT         NOT NULL,  -- card_transactions rows of the hour
    account_hours      BIGINT         NOT NULL,  -- account_hourly_spend rows of the hour
    dead_letters       BIGINT         NOT NULL,  -- undecodable records in the read window
    started_at         TIMESTAMPTZ    NOT NULL,
    finished_at        TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX runs_topic_hour ON runs (topic, hour_start, finished_at);

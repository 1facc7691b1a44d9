-- Run history of `cutover reconcile --history` (schema cutover, applied by the reconciliation
-- module with its own Flyway history table). A gate can require N consecutive clean hours
-- (burn-in) before cutover: reconciliation_run_hours keeps each run's unexplained count per hour.

-- One row per run: when, the verdict, and the summary JSON (the same as --json writes).
CREATE TABLE reconciliation_runs (
    run_id       BIGSERIAL   PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    verdict      TEXT        NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
    unexplained  BIGINT      NOT NULL,
    summary      JSONB       NOT NULL
);

-- Unexplained differences per event hour of one run (all table pairs together).
CREATE TABLE reconciliation_run_hours (
    run_id       BIGINT      NOT NULL REFERENCES reconciliation_runs (run_id) ON DELETE CASCADE,
    hour_start   TIMESTAMPTZ NOT NULL,
    matched      BIGINT      NOT NULL,
    explained    BIGINT      NOT NULL,
    unexplained  BIGINT      NOT NULL,
    PRIMARY KEY (run_id, hour_start)
);
CREATE INDEX reconciliation_run_hours_hour ON reconciliation_run_hours (hour_start, run_id);

-- The latest recorded unexplained count of every hour in the run history, newest hour first.
SELECT DISTINCT ON (hour_start) hour_start, unexplained
FROM cutover.reconciliation_run_hours
ORDER BY hour_start DESC, run_id DESC

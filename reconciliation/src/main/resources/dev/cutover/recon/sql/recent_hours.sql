-- Every hour in the run history with the most unexplained differences any recorded run found in it,
-- newest hour first. An hour is clean only when no run ever found an unexplained difference in it:
-- a later clean run does not wash a dirty hour, so one dirty hour restarts the burn-in count.
-- ${SCHEMA} is the history's schema, quoted.
SELECT hour_start, max(unexplained) AS unexplained
FROM ${SCHEMA}.reconciliation_run_hours
GROUP BY hour_start
ORDER BY hour_start DESC

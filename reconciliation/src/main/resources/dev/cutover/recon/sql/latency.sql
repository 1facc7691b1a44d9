-- A pipeline's latency from one card_transactions table (${TABLE}, quoted and checked against the
-- catalog), in seconds: written_at − event_time and written_at − kafka_timestamp, as p50, p95, p99
-- and max, overall (${GROUP} = 'all') or per event hour (${GROUP} = event_hour); plus 51 points of
-- the CDF of written_at − event_time (every 2 %) for the chart.
SELECT ${GROUP}                                                                      AS grp,
       count(*)                                                                       AS n,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_at - event_time)::float8)       AS since_event,
       max(extract(epoch FROM written_at - event_time))                              AS since_event_max,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_at - kafka_timestamp)::float8)  AS since_kafka,
       max(extract(epoch FROM written_at - kafka_timestamp))                         AS since_kafka_max,
       percentile_cont((SELECT array_agg(g / 50.0) FROM generate_series(0, 50) g)::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_at - event_time)::float8)       AS cdf
FROM ${TABLE}
GROUP BY 1
ORDER BY 1

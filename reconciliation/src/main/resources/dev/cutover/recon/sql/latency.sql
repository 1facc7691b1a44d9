-- A pipeline's latency from one card_transactions table (${TABLE}, quoted and checked against the
-- catalog), in seconds, overall (${GROUP} = 'all') or per event hour (${GROUP} = event_hour):
--   since_event       written_at − event_time        on the load's clock
--   since_kafka       written_at − kafka_timestamp   on the load's clock
--   wall_since_kafka  written_at − kafka_timestamp   on the wall clock (what the pipeline took)
-- as p50, p95, p99 and max, plus 51 points of the CDF of since_event (every 2 %) for the chart.
--
-- The load's clock may be simulated (a run compressing hours into minutes): event_time and
-- kafka_timestamp are on it, written_at on the wall clock. Parameters 1-3 are the clock mapping's
-- segments (ClockMapping): from wall instant wall_from[i] (= simulated instant sim_from[i]) on,
-- simulated time runs at speed[i] simulated seconds per wall second; both arrays ascend strictly.
-- written_at is moved onto the load's clock, and kafka_timestamp onto the wall clock, through the
-- segment it falls in (the first one before the first). The tables are only read.
WITH clock AS (
    SELECT ?::timestamptz[] AS wall_from, ?::timestamptz[] AS sim_from, ?::float8[] AS speed
),
segment AS (
    -- width_bucket finds each instant's segment by binary search (0 before the first: use it)
    SELECT t.event_hour, t.event_time, t.kafka_timestamp, t.written_at, c.*,
           greatest(width_bucket(t.written_at, c.wall_from), 1)    AS w,
           greatest(width_bucket(t.kafka_timestamp, c.sim_from), 1) AS k
    FROM ${TABLE} t CROSS JOIN clock c
),
mapped AS (
    SELECT event_hour, event_time, kafka_timestamp, written_at,
           sim_from[w] + (written_at - wall_from[w]) * speed[w]     AS written_sim,
           wall_from[k] + (kafka_timestamp - sim_from[k]) / speed[k] AS kafka_wall
    FROM segment
)
SELECT ${GROUP}                                                                        AS grp,
       count(*)                                                                         AS n,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_sim - event_time)::float8)        AS since_event,
       max(extract(epoch FROM written_sim - event_time))                               AS since_event_max,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_sim - kafka_timestamp)::float8)   AS since_kafka,
       max(extract(epoch FROM written_sim - kafka_timestamp))                          AS since_kafka_max,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_at - kafka_wall)::float8)         AS wall_since_kafka,
       max(extract(epoch FROM written_at - kafka_wall))                                AS wall_since_kafka_max,
       percentile_cont((SELECT array_agg(g / 50.0) FROM generate_series(0, 50) g)::float8[])
           WITHIN GROUP (ORDER BY extract(epoch FROM written_sim - event_time)::float8)        AS cdf
FROM mapped
GROUP BY 1
ORDER BY 1

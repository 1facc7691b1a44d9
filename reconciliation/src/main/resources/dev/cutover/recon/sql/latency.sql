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
--
-- The arithmetic is on seconds since the epoch, never on intervals: timestamptz + interval adds
-- whole days on the session time zone's calendar, so an instant moved by a span of days would
-- shift by the zone's change of offset in between (an hour across summer time).
WITH clock AS (
    SELECT ?::timestamptz[] AS wall_from, ?::timestamptz[] AS sim_from, ?::float8[] AS speed
),
segment AS (
    -- width_bucket finds each instant's segment by binary search (0 before the first: use it)
    SELECT t.event_hour,
           extract(epoch FROM t.event_time)      AS event_s,
           extract(epoch FROM t.kafka_timestamp) AS kafka_s,
           extract(epoch FROM t.written_at)      AS written_s,
           c.*,
           greatest(width_bucket(t.written_at, c.wall_from), 1)    AS w,
           greatest(width_bucket(t.kafka_timestamp, c.sim_from), 1) AS k
    FROM ${TABLE} t CROSS JOIN clock c
),
mapped AS (
    SELECT event_hour, event_s, kafka_s, written_s,
           extract(epoch FROM sim_from[w])
               + (written_s - extract(epoch FROM wall_from[w])) * speed[w]::numeric AS written_sim_s,
           extract(epoch FROM wall_from[k])
               + (kafka_s - extract(epoch FROM sim_from[k])) / speed[k]::numeric    AS kafka_wall_s
    FROM segment
)
SELECT ${GROUP}                                                                  AS grp,
       count(*)                                                                   AS n,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY (written_sim_s - event_s)::float8)             AS since_event,
       max(written_sim_s - event_s)                                               AS since_event_max,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY (written_sim_s - kafka_s)::float8)             AS since_kafka,
       max(written_sim_s - kafka_s)                                               AS since_kafka_max,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]::float8[])
           WITHIN GROUP (ORDER BY (written_s - kafka_wall_s)::float8)            AS wall_since_kafka,
       max(written_s - kafka_wall_s)                                              AS wall_since_kafka_max,
       percentile_cont((SELECT array_agg(g / 50.0) FROM generate_series(0, 50) g)::float8[])
           WITHIN GROUP (ORDER BY (written_sim_s - event_s)::float8)             AS cdf
FROM mapped
GROUP BY 1
ORDER BY 1

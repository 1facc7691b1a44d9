-- cutover demo: moves written_at of one pipeline's card_transactions from the real clock onto the
-- simulated clock the load ran on, so that latency (written_at − kafka_timestamp / event_time)
-- and the freshness gain compare like with like. pg_temp.demo_clock holds the clock's segments:
-- from real instant real_from on, simulated time is sim_from + (real − real_from) × speed.
-- {schema} is a fixed schema name (stream, batch), never user input. Run with
-- session_replication_role = replica, so the tables' written_at triggers do not fire.
UPDATE {schema}.card_transactions t
   SET written_at = (SELECT c.sim_from + (t.written_at - c.real_from) * c.speed
                       FROM pg_temp.demo_clock c
                      WHERE c.real_from <= t.written_at
                      ORDER BY c.real_from DESC
                      LIMIT 1)
 WHERE t.written_at >= (SELECT min(real_from) FROM pg_temp.demo_clock)

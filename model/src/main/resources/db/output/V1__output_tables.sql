-- The output tables of one pipeline (DESIGN.md "Output tables"). Flyway applies this file once
-- per schema (stream, batch, truth) with that schema as the default, so names stay unqualified.
-- Timestamps are TIMESTAMPTZ: pipelines write UTC instants (their JVMs run with user.timezone=UTC).

-- Stamps written_at when a row is inserted, and again only when an update changes its content:
-- replaying the same upsert after a restart leaves the first write time (and the latency) alone.
CREATE FUNCTION set_written_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.written_at := clock_timestamp();
    RETURN NEW;
END;
$$;

-- One row per distinct transaction_id: duplicates in Kafka collapse, the first arrival wins.
CREATE TABLE card_transactions (
    transaction_id    TEXT           NOT NULL PRIMARY KEY,
    account_id        TEXT           NOT NULL,
    event_time        TIMESTAMPTZ(3) NOT NULL,
    event_hour        TIMESTAMPTZ    NOT NULL,  -- event_time truncated to the UTC hour
    amount            NUMERIC(18,2)  NOT NULL,  -- as sent, in currency
    currency          TEXT           NOT NULL,
    amount_usd        NUMERIC(18,2)  NOT NULL,  -- FxRates, HALF_EVEN
    merchant_category TEXT           NOT NULL,  -- MerchantCategories of the MCC
    status            TEXT           NOT NULL,  -- APPROVED | DECLINED | REVERSED
    is_international  BOOLEAN        NOT NULL,  -- merchant country <> 'US'
    masked_card       TEXT           NOT NULL,  -- first 6 and last 4 digits kept
    kafka_timestamp   TIMESTAMPTZ(3) NOT NULL,  -- the earliest arrival in Kafka
    written_at        TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX card_transactions_event_hour ON card_transactions (event_hour);

-- One row per account and event hour that has at least one transaction.
CREATE TABLE account_hourly_spend (
    account_id          TEXT          NOT NULL,
    hour_start          TIMESTAMPTZ   NOT NULL,
    txn_count           BIGINT        NOT NULL,  -- every distinct transaction, any status
    approved_amount_usd NUMERIC(18,2) NOT NULL,  -- sum of amount_usd of APPROVED ones
    declined_count      BIGINT        NOT NULL,  -- DECLINED ones
    international_count BIGINT        NOT NULL,  -- is_international ones
    max_amount_usd      NUMERIC(18,2) NOT NULL,  -- largest amount_usd, any status
    written_at          TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (account_id, hour_start)
);
CREATE INDEX account_hourly_spend_hour ON account_hourly_spend (hour_start);

-- Kafka values that could not be decoded. Keyed by their position, so a replay rewrites, not adds.
CREATE TABLE dead_letters (
    topic           TEXT           NOT NULL,
    kafka_partition INTEGER        NOT NULL,
    kafka_offset    BIGINT         NOT NULL,
    kafka_timestamp TIMESTAMPTZ(3),
    reason          TEXT           NOT NULL,  -- DecodeFailure code, e.g. bad-magic-byte
    detail          TEXT,                     -- the decoder's message
    raw_base64      TEXT,                     -- the value as received, base64
    seen_at         TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

CREATE TRIGGER card_transactions_written_at
    BEFORE INSERT ON card_transactions
    FOR EACH ROW EXECUTE FUNCTION set_written_at();
CREATE TRIGGER card_transactions_rewritten_at
    BEFORE UPDATE ON card_transactions
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_written_at();
CREATE TRIGGER account_hourly_spend_written_at
    BEFORE INSERT ON account_hourly_spend
    FOR EACH ROW EXECUTE FUNCTION set_written_at();
CREATE TRIGGER account_hourly_spend_rewritten_at
    BEFORE UPDATE ON account_hourly_spend
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_written_at();

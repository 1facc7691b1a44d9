-- The two tables of `cutover bench recon`: ${LEFT} gets N card-transaction-like rows (parameter 1),
-- ${RIGHT} a copy of it. Names are quoted identifiers built by the benchmark, never user input.
CREATE TABLE ${LEFT} (
    id         TEXT          NOT NULL PRIMARY KEY,
    account_id TEXT          NOT NULL,
    amount     NUMERIC(18,2) NOT NULL,
    event_time TIMESTAMPTZ   NOT NULL,
    status     TEXT          NOT NULL
);
INSERT INTO ${LEFT}
SELECT 'txn-' || lpad(g::text, 10, '0'),
       'acct-' || (g % 10000),
       (g % 100000) / 100.0,
       timestamptz '2026-11-23 00:00:00+00' + g * interval '1 millisecond',
       CASE WHEN g % 10 = 0 THEN 'DECLINED' ELSE 'APPROVED' END
FROM generate_series(1, ?) g;

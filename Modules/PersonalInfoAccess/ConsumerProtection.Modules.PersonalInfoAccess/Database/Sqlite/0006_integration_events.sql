-- Added so a confirmed leak raises into the office major-event register (plan 6 art. 41(5), ADR 0007).
-- Integration events (ADR 0006): the outbox written in the sender's transaction, one delivery record per
-- (event, handler) kept by the dispatcher, and the inbox a handler in this schema claims to apply an event once.
CREATE TABLE integration_outbox (
    seq           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT    NOT NULL UNIQUE,
    type_name     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    occurred_at   TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    dispatched_at TEXT    NULL
);
CREATE INDEX ix_integration_outbox_pending ON integration_outbox (dispatched_at, seq);

CREATE TABLE integration_delivery (
    event_seq       INTEGER NOT NULL,
    handler         TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT    NULL,
    delivered_at    TEXT    NULL,
    last_error      TEXT    NULL,
    PRIMARY KEY (event_seq, handler)
);

CREATE TABLE integration_inbox (
    handler      TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (handler, event_id)
);

-- Regulator transfers (监管转办): the pull cursor, transfers we could not accept, and the outbox of handling
-- results to post back (at least once; the regulator is idempotent on (case_id, event_id)).
CREATE TABLE regulator_cursor (
    feed        TEXT NOT NULL PRIMARY KEY,
    last_cursor TEXT NULL,
    updated_at  TEXT NULL
);
INSERT INTO regulator_cursor (feed, last_cursor, updated_at) VALUES ('transfers', NULL, NULL);

-- Field names and messages only: no consumer data, so a rejection can be kept and shown to operators.
CREATE TABLE regulator_transfer_rejection (
    id          TEXT NOT NULL PRIMARY KEY,
    case_id     TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    errors      TEXT NOT NULL
);
CREATE INDEX ix_regulator_transfer_rejection_at ON regulator_transfer_rejection (rejected_at);

CREATE TABLE regulator_outbox (
    id                 TEXT    NOT NULL PRIMARY KEY,
    case_id            TEXT    NOT NULL,
    event_id           TEXT    NOT NULL,
    complaint_id       TEXT    NOT NULL,
    complaint_version  INTEGER NOT NULL,
    kind               TEXT    NOT NULL,
    payload_json       TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    attempts           INTEGER NOT NULL,
    next_attempt_at    TEXT    NOT NULL,
    sent_at            TEXT    NULL,
    last_error         TEXT    NULL,
    UNIQUE (case_id, event_id)
);
CREATE INDEX ix_regulator_outbox_unsent ON regulator_outbox (sent_at, created_at);

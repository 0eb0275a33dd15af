CREATE TABLE kernel_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE api_key (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    key_prefix  TEXT NOT NULL,
    roles       TEXT NOT NULL,
    branch_id   TEXT NULL,
    expires_at  TEXT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT NULL,
    revoked_by  TEXT NULL
);
CREATE INDEX ix_api_key_created ON api_key (created_at);

CREATE TABLE legal_hold (
    id          TEXT NOT NULL PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    set_at      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    lifted_at   TEXT NULL,
    lifted_by   TEXT NULL,
    lift_reason TEXT NULL
);
CREATE INDEX ix_legal_hold_record ON legal_hold (record_type, record_id);

CREATE TABLE calendar_day (
    day  TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE idempotency_record (
    caller_id       TEXT    NOT NULL,
    idem_key        TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    response_status INTEGER NULL,
    content_type    TEXT    NULL,
    location        TEXT    NULL,
    etag            TEXT    NULL,
    response_body   BLOB    NULL,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (caller_id, idem_key)
);
CREATE INDEX ix_idempotency_created ON idempotency_record (created_at);
